package io.github.connectparticipant.emulator;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.json.JsonMapper;

import io.github.connectparticipant.emulator.FaultPolicy.DropConnection;
import io.github.connectparticipant.emulator.FaultPolicy.TruncatedResponse;
import io.github.connectparticipant.emulator.Operation.Api;
import io.github.connectparticipant.emulator.Routes.ObjectKey;

/**
 * A running emulator: the JDK's {@link HttpServer} and the chat WebSocket server, and the
 * parts they share (the state, the clock, faults, request counts), wired at start. Each
 * request goes to the control API, the object endpoint or the API endpoint.
 */
final class EmulatorServer {

	private final HttpServer http;

	private final ExecutorService executor;

	private final EmulatorClock clock = new EmulatorClock();

	private final RequestStats stats = new RequestStats();

	private final FaultPolicy faults = new FaultPolicy(this.stats);

	private final Idempotency idempotency = new Idempotency();

	private final ObjectStore objects;

	private final ChatStore store;

	private final Tokens tokens;

	private final ConnectOperations connect;

	private final ParticipantActions participants;

	private final ApiEndpoint api;

	private final ObjectEndpoint objectEndpoint;

	private final ControlApi control;

	private final ChatSockets sockets;

	private final URI baseUri;

	private final JsonMapper mapper = Wire.mapper();

	private EmulatorServer(EmulatorSettings settings) throws IOException {
		this.objects = new ObjectStore(settings.storageDirectory());
		this.store = new ChatStore(settings, this.clock, this.objects);
		this.tokens = new Tokens(this.store);
		String host = settings.host().contains(":") ? "[" + settings.host() + "]" : settings.host();
		this.sockets = new ChatSockets(this.store, this.clock, this.mapper, settings.host(), settings.websocketPort(),
				host);
		try {
			this.http = JdkHttpServerTuning.create(new InetSocketAddress(settings.host(), settings.port()), 512);
		}
		catch (IOException | RuntimeException ex) {
			this.sockets.stop();
			throw ex;
		}
		this.store.listener(this.sockets);
		this.baseUri = URI.create("http://" + host + ":" + this.http.getAddress().getPort());
		OperationContext context = new OperationContext(this.store, this.tokens, this.idempotency, new Presigner(),
				this.objects, this.baseUri);
		this.connect = new ConnectOperations(context);
		this.api = new ApiEndpoint(new Routes(this.mapper, this.connect, new ParticipantOperations(context),
				new AttachmentOperations(context)), this.faults, context, this.mapper);
		this.objectEndpoint = new ObjectEndpoint(context, this.faults);
		this.participants = new ParticipantActions(this.store);
		this.control = new ControlApi(this, this.mapper);
		this.executor = executor(settings.workerThreads());
		this.http.setExecutor(this.executor);
		this.http.createContext("/", this::handle);
		this.http.start();
	}

	static EmulatorServer start(EmulatorSettings settings) throws IOException {
		return new EmulatorServer(settings);
	}

	private static ExecutorService executor(int workerThreads) {
		AtomicInteger threads = new AtomicInteger();
		ThreadPoolExecutor executor = new ThreadPoolExecutor(workerThreads, workerThreads, 30, TimeUnit.SECONDS,
				new LinkedBlockingQueue<>(), (runnable) -> {
					Thread thread = new Thread(runnable, "connect-participant-emulator-" + threads.incrementAndGet());
					thread.setDaemon(true);
					return thread;
				});
		executor.allowCoreThreadTimeOut(true);
		return executor;
	}

	/**
	 * Load what a start needs first (the JSON mapper, the service models, the JDK's HTTP
	 * server, its NIO selector and server channel, the default secure random generator
	 * that the pre-signing key comes from, and the emulator's own classes) without
	 * starting anything: the channel and selector opened here are closed unbound.
	 */
	static void preload() {
		JsonMapper mapper = Wire.mapper();
		ServiceModel.load(mapper, Routes.PARTICIPANT_MODEL);
		ServiceModel.load(mapper, Routes.CONNECT_MODEL);
		com.sun.net.httpserver.spi.HttpServerProvider.provider();
		try (Selector selector = Selector.open(); ServerSocketChannel channel = ServerSocketChannel.open()) {
			channel.configureBlocking(false);
		}
		catch (IOException ex) {
			// nothing to load ahead then: the start opens its own and reports what fails
		}
		new SecureRandom().nextBytes(new byte[1]);
		for (Class<?> type : new Class<?>[] { ChatStore.class, ControlApi.class, ObjectStore.class, Presigner.class,
				TranscriptPager.class, FaultPolicy.class, Routes.class, ApiEndpoint.class, ObjectEndpoint.class,
				ParticipantOperations.class, AttachmentOperations.class, Wire.class, ChatSockets.class,
				ChatSocketServer.class, SocketProtocol.class }) {
			try {
				Class.forName(type.getName(), true, type.getClassLoader());
			}
			catch (ClassNotFoundException ex) {
				throw new IllegalStateException(ex);
			}
		}
	}

	URI baseUri() {
		return this.baseUri;
	}

	int port() {
		return this.http.getAddress().getPort();
	}

	JsonMapper mapper() {
		return this.mapper;
	}

	ChatStore store() {
		return this.store;
	}

	ConnectOperations connect() {
		return this.connect;
	}

	ParticipantActions participants() {
		return this.participants;
	}

	ChatSockets sockets() {
		return this.sockets;
	}

	EmulatorClock clock() {
		return this.clock;
	}

	RequestStats stats() {
		return this.stats;
	}

	FaultPolicy faults() {
		return this.faults;
	}

	void reset() {
		this.faults.reset();
		this.sockets.reset();
		this.store.reset();
		this.tokens.reset();
		this.idempotency.reset();
		this.stats.reset();
		this.clock.reset();
	}

	void stop() {
		this.sockets.stop();
		this.http.stop(0);
		this.executor.shutdownNow();
		this.objects.close();
	}

	private void handle(HttpExchange exchange) throws IOException {
		exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
		String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
		String path = exchange.getRequestURI().getRawPath();
		try {
			ObjectKey object = Routes.objectKey(path);
			if (Routes.isControl(path)) {
				this.control.handle(exchange, method, path);
			}
			else if (object != null) {
				this.objectEndpoint.handle(exchange, method, object);
			}
			else {
				this.api.handle(exchange, method, path);
			}
		}
		catch (DropConnection ex) {
			exchange.close();
		}
		catch (TruncatedResponse ex) {
			throw new IOException("Response truncated by an injected fault");
		}
		catch (RuntimeException ex) {
			System.getLogger(EmulatorServer.class.getName())
				.log(System.Logger.Level.WARNING, "Unexpected error serving " + method + " " + path, ex);
			this.api.sendError(exchange, ApiException.internal("Internal error"), Api.PARTICIPANT);
		}
		finally {
			exchange.close();
		}
	}

}
