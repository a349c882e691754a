// The sample's page: plain JavaScript on the REST API, no build step.
'use strict';

const STORAGE_KEY = 'connect-participant-sample.chat';
// Pushed by the chat but not part of the conversation shown: typing (shown apart), the connection's
// acknowledgement and receipts.
const EVENT = 'application/vnd.amazonaws.connect.event.';
const NOT_SHOWN = new Set(['connection.acknowledged', 'message.delivered', 'message.read', 'message.metadata']
  .map((name) => EVENT + name));
const TYPING_MILLIS = 12000;

const $ = (id) => document.getElementById(id);
let chat = null;
let events = null;
let typingTimer = null;

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
  $('transcript').replaceChildren();
  showEnded(false);
  $('message').focus();
  listen(started);
}

function leaveChat() {
  chat = null;
  stopListening();
  sessionStorage.removeItem(STORAGE_KEY);
  $('chat').hidden = true;
  $('start').hidden = false;
  $('display-name').focus();
}

// The chat live over Server-Sent Events: the server replays the transcript, then pushes each new item (again
// when an attachment's scan status changes) and the chat's end. EventSource reconnects by itself, sending the
// last item's id so that the server resumes from there.
function listen(current) {
  stopListening();
  const source = new EventSource(current.links.events);
  events = source;
  $('transcript-state').textContent = 'Connecting…';
  source.onopen = () => {
    $('transcript-state').textContent = 'Live';
  };
  source.addEventListener('item', (event) => {
    if (chat === current) {
      showItem(JSON.parse(event.data));
    }
  });
  source.addEventListener('chat-ended', () => {
    source.close();
    if (chat === current) {
      showEnded(true);
    }
  });
  source.onerror = async () => {
    if (source.readyState !== EventSource.CLOSED) {
      $('transcript-state').textContent = 'Reconnecting…';
      return;
    }
    // refused (not reconnecting): find out why
    try {
      await api(current.links.self);
      $('transcript-state').textContent = 'The live transcript is unavailable; reload the page to try again';
    } catch (error) {
      if (error.problem && error.problem.status === 404 && chat === current) {
        leaveChat();
      }
    }
  };
}

function stopListening() {
  if (events) {
    events.close();
    events = null;
  }
  clearTimeout(typingTimer);
}

function showEnded(ended) {
  $('chat-ended').hidden = !ended;
  for (const id of ['message', 'send-button', 'file', 'upload-button']) {
    $(id).disabled = ended;
  }
  if (ended) {
    $('transcript-state').textContent = 'The chat has ended';
  }
}

function showItem(item) {
  if (item.contentType === EVENT + 'typing') {
    if (item.role !== 'CUSTOMER') {
      $('transcript-state').textContent = `${item.displayName || 'Someone'} is typing…`;
      clearTimeout(typingTimer);
      typingTimer = setTimeout(() => {
        $('transcript-state').textContent = 'Live';
      }, TYPING_MILLIS);
    }
    return;
  }
  if (NOT_SHOWN.has(item.contentType) || item.type === 'UNKNOWN') {
    return;
  }
  const list = $('transcript');
  const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 40;
  const rendered = renderItem(item);
  // an item comes again when it changes (an attachment's scan status): replace it in place
  const shown = [...list.children].find((node) => node.dataset.itemId === item.id);
  if (shown) {
    shown.replaceWith(rendered);
  } else {
    list.append(rendered);
  }
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
    const li = element('li', 'event', `${item.displayName || 'Someone'} · ${event || item.type.toLowerCase()} · ${time}`);
    li.dataset.itemId = item.id;
    return li;
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
