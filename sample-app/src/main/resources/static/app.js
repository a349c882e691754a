// The sample's page: plain JavaScript on the REST API, no build step.
'use strict';

const REFRESH_MILLIS = 2000;
const STORAGE_KEY = 'connect-participant-sample.chat';

const $ = (id) => document.getElementById(id);
let chat = null;
let refreshTimer = null;
let lastRendered = '';

class ApiError extends Error {
  constructor(problem) {
    super(problem.detail || problem.title || 'The request failed');
    this.problem = problem;
  }
}

async function api(path, options = {}) {
  const response = await fetch(path, { headers: { Accept: 'application/json' }, ...options });
  const type = response.headers.get('Content-Type') || '';
  const body = type.includes('json') ? await response.json() : null;
  if (!response.ok) {
    throw new ApiError(body || { status: response.status, title: response.statusText });
  }
  return body;
}

function showError(error) {
  const box = $('error');
  if (!error) {
    box.hidden = true;
    box.textContent = '';
    return;
  }
  const problem = error.problem;
  box.textContent = problem ? `${problem.title} (${problem.status}): ${error.message}` : String(error.message || error);
  box.hidden = false;
}

async function busy(button, action) {
  button.disabled = true;
  try {
    showError(null);
    await action();
  } catch (error) {
    showError(error);
  } finally {
    button.disabled = false;
  }
}

function showChat(started) {
  chat = started;
  sessionStorage.setItem(STORAGE_KEY, JSON.stringify(started));
  $('start').hidden = true;
  $('chat').hidden = false;
  $('chat-title').textContent = `Chat with ${started.displayName}`;
  $('chat-id').textContent = started.id;
  $('contact-id').textContent = started.contactId;
  $('export-link').href = started.links.export;
  lastRendered = '';
  $('transcript').replaceChildren();
  $('message').focus();
  refresh();
}

function leaveChat() {
  chat = null;
  clearTimeout(refreshTimer);
  sessionStorage.removeItem(STORAGE_KEY);
  $('chat').hidden = true;
  $('start').hidden = false;
  $('display-name').focus();
}

async function refresh() {
  clearTimeout(refreshTimer);
  if (!chat) {
    return;
  }
  const current = chat;
  try {
    const page = await api(`${current.links.transcript}?direction=BACKWARD&sortOrder=ASCENDING&pageSize=100`);
    if (chat === current) {
      render(page.items);
      $('transcript-state').textContent = `Updated ${new Date().toLocaleTimeString()} · refreshes every ${REFRESH_MILLIS / 1000} s`;
    }
  } catch (error) {
    if (error.problem && error.problem.status === 404) {
      leaveChat();
    }
    $('transcript-state').textContent = `Could not refresh: ${error.message}`;
  }
  if (chat === current) {
    refreshTimer = setTimeout(refresh, REFRESH_MILLIS);
  }
}

function render(items) {
  const snapshot = JSON.stringify(items);
  if (snapshot === lastRendered) {
    return;
  }
  lastRendered = snapshot;
  const list = $('transcript');
  const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 40;
  list.replaceChildren(...items.map(renderItem));
  if (atBottom) {
    list.scrollTop = list.scrollHeight;
  }
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) {
    node.className = className;
  }
  if (text !== undefined && text !== null) {
    node.textContent = text; // never innerHTML: names and messages come from other people
  }
  return node;
}

function renderItem(item) {
  const time = item.time ? new Date(item.time).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }) : '';
  if (item.type !== 'MESSAGE' && item.type !== 'ATTACHMENT') {
    const event = (item.contentType || '').split('.').slice(-2).join(' ');
    return element('li', 'event', `${item.displayName || 'Someone'} · ${event || item.type.toLowerCase()} · ${time}`);
  }
  const li = element('li', item.role === 'CUSTOMER' ? 'item mine' : 'item');
  li.dataset.itemId = item.id;
  li.append(element('div', 'who', `${item.displayName || item.role || ''} · ${time}`));
  if (item.type === 'MESSAGE') {
    li.append(element('div', 'text', item.content));
  }
  for (const attachment of item.attachments) {
    const file = element('div', 'file');
    file.dataset.attachmentId = attachment.id;
    file.dataset.name = attachment.name || '';
    file.append(element('span', 'name', attachment.name || attachment.id));
    file.append(element('span', `status ${attachment.status}`, attachment.status));
    if (attachment.status === 'APPROVED') {
      const link = element('a', 'download', 'Download');
      link.href = attachment.href;
      link.setAttribute('download', '');
      file.append(link);
    }
    li.append(file);
  }
  return li;
}

$('start-form').addEventListener('submit', (event) => {
  event.preventDefault();
  busy($('start-button'), async () => {
    const started = await api('/api/chats', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ displayName: $('display-name').value }),
    });
    showChat(started);
  });
});

$('message-form').addEventListener('submit', (event) => {
  event.preventDefault();
  busy($('send-button'), async () => {
    await api(chat.links.messages, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ content: $('message').value }),
    });
    $('message').value = '';
    await refresh();
  });
});

$('upload-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const input = $('file');
  if (!input.files.length) {
    return;
  }
  busy($('upload-button'), async () => {
    const form = new FormData();
    form.append('file', input.files[0]);
    await api(chat.links.attachments, { method: 'POST', body: form });
    input.value = '';
    await refresh();
  });
});

$('new-chat').addEventListener('click', leaveChat);

(async function resume() {
  const stored = sessionStorage.getItem(STORAGE_KEY);
  if (!stored) {
    return;
  }
  try {
    const known = await api(JSON.parse(stored).links.self);
    showChat(known);
  } catch (error) {
    sessionStorage.removeItem(STORAGE_KEY);
  }
})();
