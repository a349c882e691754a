package io.github.connectparticipant.emulator;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.channels.ClosedSelectorException;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.java_websocket.WebSocket;
import org.java_websocket.drafts.Draft;
import org.java_websocket.exceptions.InvalidDataException;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.framing.Framedata;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.handshake.ServerHandshakeBuilder;
import org.java_websocket.server.WebSocketServer;

/**
 * The chat WebSocket's transport, on its own port: the JDK's {@code HttpServer} cannot
 * hand an upgraded connection over, so the sockets are served by Java-WebSocket next to
 * it. It admits a handshake whose URL {@link ChatSockets} issued and still honours, and
 * passes every text frame to {@link SocketProtocol}.
 */
final class ChatSocketServer extends WebSocketServer {

	private static final System.Logger LOGGER = System.getLogger(ChatSocketServer.class.getName());

	private final ChatSockets sockets;

	private final CompletableFuture<Void> started = new CompletableFuture<>();

	private ChatSocketServer(InetSocketAddress address, ChatSockets sockets) {
		super(address);
		this.sockets = sockets;
		// AWS's endpoint does not ping its clients: a socket lives until one side closes
		// it
		setConnectionLostTimeout(0);
		setTcpNoDelay(true);
		setDaemon(true);
	}

	static ChatSocketServer start(String host, int port, ChatSockets sockets) throws IOException {
		ChatSocketServer server = new ChatSocketServer(new InetSocketAddress(host, port), sockets);
		server.start();
		try {
			server.started.get(30, TimeUnit.SECONDS);
		}
		catch (ExecutionException ex) {
			throw new IOException("Could not start the chat WebSocket server on " + host + ":" + port, ex.getCause());
		}
		catch (TimeoutException ex) {
			throw new IOException("The chat WebSocket server did not start on " + host + ":" + port, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("Interrupted while starting the chat WebSocket server", ex);
		}
		return server;
	}

	void shutdown() {
		try {
			stop(1000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (ClosedSelectorException ex) {
			// the server's thread closed its selector while stop() still closed sockets
			// (a race in Java-WebSocket with many sockets open): everything is closed
			// either way
		}
	}

	/** Sends one text frame to many sockets, encoding it once. */
	void send(String text, Collection<WebSocket> connections) {
		if (!connections.isEmpty()) {
			broadcast(text, connections);
		}
	}

	@Override
	public ServerHandshakeBuilder onWebsocketHandshakeReceivedAsServer(WebSocket conn, Draft draft,
			ClientHandshake request) throws InvalidDataException {
		ServerHandshakeBuilder response = super.onWebsocketHandshakeReceivedAsServer(conn, draft, request);
		String token = authToken(request.getResourceDescriptor());
		ChatSockets.UrlGrant grant = (token != null) ? this.sockets.admit(token) : null;
		if (grant == null) {
			// neither the URL nor its token goes into the message: both are secrets
			throw new InvalidDataException(CloseFrame.POLICY_VALIDATION, "Forbidden");
		}
		conn.setAttachment(grant);
		return response;
	}

	@Override
	public void onOpen(WebSocket conn, ClientHandshake handshake) {
		ChatSockets.UrlGrant grant = conn.getAttachment();
		conn.setAttachment(this.sockets.opened(conn, grant));
	}

	@Override
	public void onMessage(WebSocket conn, String message) {
		ChatSocket socket = conn.getAttachment();
		if (socket != null) {
			this.sockets.received(socket, message);
		}
	}

	@Override
	public void onWebsocketPing(WebSocket conn, Framedata frame) {
		ChatSocket socket = conn.getAttachment();
		if (socket == null || this.sockets.answers(socket)) {
			super.onWebsocketPing(conn, frame);
		}
	}

	@Override
	public void onClosing(WebSocket conn, int code, String reason, boolean remote) {
		// the code of the client's close frame, kept even when the client ends the
		// connection before the close handshake finishes (onClose then says 1006)
		if (remote && conn.getAttachment() instanceof ChatSocket socket) {
			this.sockets.closed(socket, code);
		}
	}

	@Override
	public void onClose(WebSocket conn, int code, String reason, boolean remote) {
		if (conn.getAttachment() instanceof ChatSocket socket) {
			this.sockets.closed(socket, code);
		}
	}

	@Override
	public void onError(WebSocket conn, Exception ex) {
		if (conn == null) {
			// the server itself: before the start this is a failed bind
			this.started.completeExceptionally(ex);
			LOGGER.log(System.Logger.Level.DEBUG, "Chat WebSocket server error", ex);
		}
		else {
			LOGGER.log(System.Logger.Level.DEBUG, "Chat WebSocket connection error: " + ex.getClass().getName());
		}
	}

	@Override
	public void onStart() {
		this.started.complete(null);
	}

	/** The {@code AuthToken} query parameter of a request path, or null. */
	static String authToken(String resourceDescriptor) {
		String query;
		try {
			query = URI.create(resourceDescriptor).getRawQuery();
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
		if (query == null) {
			return null;
		}
		for (String pair : query.split("&")) {
			if (pair.startsWith("AuthToken=")) {
				return pair.substring("AuthToken=".length());
			}
		}
		return null;
	}

}
