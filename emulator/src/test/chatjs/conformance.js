// AWS's ChatJS as a Connect customer against the emulator, in Node with the browser globals
// ChatJS reads. Each step prints "ok <step>" once ChatJS has seen what it waits for; the
// first failure prints "FAIL <step>: <reason>" and exits 1. The JUnit test
// ChatJsConformanceIntegrationTests starts the emulator and the chat, runs this script and
// checks both its output and the emulator's side.
"use strict";

const WebSocket = require("ws");

global.window = global;
global.self = global;
if (typeof global.navigator === "undefined") {
  global.navigator = { userAgent: "node", language: "en-US", onLine: true };
}
global.WebSocket = WebSocket;
require("amazon-connect-chatjs");
const connect = global.connect;

const endpoint = process.env.EMULATOR_URL;
const chatDetails = {
  ContactId: process.env.CONTACT_ID,
  ParticipantId: process.env.PARTICIPANT_ID,
  ParticipantToken: process.env.PARTICIPANT_TOKEN,
};
const STEP_TIMEOUT_MS = 20000;

async function control(method, path, body) {
  const response = await fetch(endpoint + "/_emulator/contacts/" + chatDetails.ContactId + path, {
    method,
    headers: { "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status !== 200) {
    throw new Error(method + " " + path + " answered " + response.status + " " + (await response.text()));
  }
  return response.json();
}

// ChatJS reports a connection before its socket has subscribed; a pushed item reaches it
// only after that, so the steps wait for the emulator to show a subscribed socket.
async function subscribedSocket(description) {
  const deadline = Date.now() + STEP_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const contact = await (await fetch(endpoint + "/_emulator/contacts/" + chatDetails.ContactId)).json();
    if (contact.sockets.some((socket) => socket.open && socket.subscribed)) {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error("no subscribed socket: " + description);
}

// Events ChatJS raised, kept so that a step can wait for one that came before it looked.
const seen = [];
const waiters = [];
function record(kind, event) {
  seen.push({ kind, event });
  for (const waiter of waiters.slice()) {
    if (waiter.kind === kind && waiter.test(event)) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve(event);
    }
  }
}
function next(kind, test, description) {
  const start = seen.length;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("no " + kind + " event: " + description)), STEP_TIMEOUT_MS);
    waiters.push({ kind, test, resolve: (event) => { clearTimeout(timer); resolve(event); } });
    void start;
  });
}

async function step(name, action) {
  try {
    await action();
    console.log("ok " + name);
  } catch (error) {
    console.log("FAIL " + name + ": " + (error && error.message ? error.message : JSON.stringify(error)));
    process.exit(1);
  }
}

async function main() {
  connect.ChatSession.setGlobalConfig({
    region: "us-east-1",
    endpoint,
    loggerConfig: { useDefaultLogger: false },
  });
  const session = connect.ChatSession.create({
    chatDetails,
    type: connect.ChatSession.SessionTypes.CUSTOMER,
    options: { region: "us-east-1" },
  });
  session.onMessage((event) => record("message", event.data));
  session.onTyping((event) => record("typing", event.data));
  session.onReadReceipt((event) => record("read", event.data));
  session.onDeliveredReceipt((event) => record("delivered", event.data));
  session.onConnectionEstablished(() => record("established", {}));
  session.onConnectionLost(() => record("lost", {}));
  session.onEnded(() => record("ended", {}));

  await step("connect", async () => {
    const established = next("established", () => true, "connection established");
    const result = await session.connect();
    if (!result || !result.connectCalled) {
      throw new Error("connect() answered " + JSON.stringify(result));
    }
    await established;
    await subscribedSocket("after connect");
  });

  await step("agent-message", async () => {
    const arrived = next("message", (m) => m.Content === "Hello from Sam", "the agent's message");
    await control("POST", "/messages", { role: "AGENT", displayName: "Sam", content: "Hello from Sam" });
    const message = await arrived;
    if (message.ParticipantRole !== "AGENT" || message.InitialContactId !== chatDetails.ContactId) {
      throw new Error("unexpected item " + JSON.stringify(message));
    }
  });

  let ownMessageId;
  await step("send-message-echoed", async () => {
    const echoed = next("message", (m) => m.Content === "Hi Sam" && m.ParticipantRole === "CUSTOMER", "the echo");
    const response = await session.sendMessage({ contentType: "text/plain", message: "Hi Sam" });
    ownMessageId = response.data.Id;
    const echo = await echoed;
    if (echo.Id !== ownMessageId) {
      throw new Error("echo " + echo.Id + " is not the sent message " + ownMessageId);
    }
  });

  await step("attachment-verdict", async () => {
    const approved = next("message", (m) => m.Type === "ATTACHMENT" && m.Attachments
      && m.Attachments[0].AttachmentName === "note.txt" && m.Attachments[0].Status === "APPROVED", "the verdict");
    // File is a global from Node 20 on; Node 18 has it in the buffer module
    const FileType = global.File || require("buffer").File;
    const file = new FileType(["a note from the customer"], "note.txt", { type: "text/plain" });
    await session.sendAttachment({ attachment: file });
    await approved;
  });

  await step("typing", async () => {
    const agentTyping = next("typing", (t) => t.ParticipantRole === "AGENT", "the agent typing");
    await control("POST", "/typing", { role: "AGENT", displayName: "Sam" });
    await agentTyping;
    const ownTyping = next("typing", (t) => t.ParticipantRole === "CUSTOMER", "the customer's own typing");
    await session.sendEvent({ contentType: "application/vnd.amazonaws.connect.event.typing" });
    await ownTyping;
  });

  await step("receipt", async () => {
    const read = next("read", (r) => r.MessageMetadata && r.MessageMetadata.MessageId === ownMessageId, "the read receipt");
    await control("POST", "/receipts", { role: "AGENT", displayName: "Sam", type: "READ", messageId: ownMessageId });
    await read;
    const agentMessage = seen.find((s) => s.kind === "message" && s.event.Content === "Hello from Sam").event;
    await session.sendEvent({
      contentType: "application/vnd.amazonaws.connect.event.message.read",
      content: JSON.stringify({ messageId: agentMessage.Id }),
    });
  });

  for (const [name, body] of [["reconnect-after-1001", { code: 1001 }], ["reconnect-after-abrupt-drop", { abrupt: true }]]) {
    await step(name, async () => {
      const lost = next("lost", () => true, "the connection lost");
      const established = next("established", () => true, "the connection established again");
      await control("POST", "/sockets/close", body);
      await lost;
      await established;
      await subscribedSocket("after the reconnect");
      const arrived = next("message", (m) => m.Content === "after " + name, "a message on the new socket");
      await control("POST", "/messages", { role: "AGENT", displayName: "Sam", content: "after " + name });
      await arrived;
    });
  }

  await step("chat-ended", async () => {
    const ended = next("ended", () => true, "the chat's end");
    await control("POST", "/end");
    await ended;
  });
  process.exit(0);
}

main().catch((error) => {
  console.log("FAIL script: " + (error && error.stack ? error.stack : error));
  process.exit(1);
});
