package io.github.connectparticipant.emulator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import io.github.connectparticipant.emulator.FaultInjector.Decision;
import io.github.connectparticipant.emulator.FaultInjector.Kind;

/**
 * The HTTP side: the JDK's {@link HttpServer}, routing by the service models' methods and
 * paths, AWS error shapes, fault injection and throttling, S3-style object URLs and the
 * control API.
 */
final class EmulatorServer {

	static {
		// Without TCP_NODELAY the JDK server's separate header and body writes meet the
		// client's delayed ACK: about 40 ms lost per request on loopback. Read once, when
		// the
		// JDK's server class initialises, so this must run before any HttpServer is
		// created.
		if (System.getProperty("sun.net.httpserver.nodelay") == null) {
			System.setProperty("sun.net.httpserver.nodelay", "true");
		}
		// Past 200 idle connections (the JDK's default) the server closes a kept-alive
		// connection after its answer without saying so, and pooled clients (the SDK's
		// among
		// them) then meet dead connections: allow as many as a busy test suite opens.
		if (System.getProperty("sun.net.httpserver.maxIdleConnections") == null) {
			System.setProperty("sun.net.httpserver.maxIdleConnections", "1024");
		}
	}

	/** Largest JSON request body accepted by an API operation. */
	static final int MAX_JSON_BODY = 1024 * 1024;

	/**
	 * Most bytes of an unread request body read and dropped before an error answer;
	 * larger bodies are cut off.
	 */
	static final long MAX_DISCARD = 64L * 1024 * 1024;

	static final String UPLOAD_OBJECT = "UploadObject";

	static final String DOWNLOAD_OBJECT = "DownloadObject";

	private static final Pattern OBJECT_PATH = Pattern
		.compile("/attachments/([A-Za-z0-9-]{1,64})/([A-Za-z0-9-]{1,64})");

	private static final String VIEWS_PREFIX = "/participant/views/";

	private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

	private static final Set<String> CONNECT_OPERATIONS = Set.of("StartChatContact", "StopContact");

	private final HttpServer http;

	private final ExecutorService executor;

	private final ObjectMapper mapper;

	private final ServiceModel participantModel;

	private final ServiceModel connectModel;

	private final Map<String, String> routes = new HashMap<>();

	private final EmulatorClock clock = new EmulatorClock();

	private static final String PARTICIPANT_MODEL = "connectparticipant-2018-09-07.json";

	private static final String CONNECT_MODEL = "connect-2017-08-08.json";

	private final RequestStats stats = new RequestStats();

	private final FaultInjector faults = new FaultInjector();

	private final Throttler throttler = new Throttler();

	private final ObjectStore objects;

	private final ChatStore store;

	private final ControlApi control;

	private final ChatSockets sockets;

	private final URI baseUri;

	private EmulatorServer(EmulatorSettings settings) throws IOException {
		this.mapper = mapper();
		this.participantModel = ServiceModel.load(this.mapper, PARTICIPANT_MODEL);
		this.connectModel = ServiceModel.load(this.mapper, CONNECT_MODEL);
		for (ServiceModel model : new ServiceModel[] { this.participantModel, this.connectModel }) {
			model.operations().values().forEach((op) -> {
				if (!op.requestUri().contains("{")) {
					this.routes.put(op.requestUri(), op.name());
				}
			});
		}
		Presigner presigner = new Presigner();
		this.objects = new ObjectStore(settings.storageDirectory());
		this.store = new ChatStore(settings, this.clock, this.mapper, presigner, this.objects);
		AtomicInteger threads = new AtomicInteger();
		this.executor = new ThreadPoolExecutor(settings.workerThreads(), settings.workerThreads(), 30, TimeUnit.SECONDS,
				new LinkedBlockingQueue<>(), (runnable) -> {
					Thread thread = new Thread(runnable, "connect-participant-emulator-" + threads.incrementAndGet());
					thread.setDaemon(true);
					return thread;
				});
		((ThreadPoolExecutor) this.executor).allowCoreThreadTimeOut(true);
		this.http = HttpServer.create(new InetSocketAddress(settings.host(), settings.port()), 512);
		this.http.setExecutor(this.executor);
		this.http.createContext("/", this::handle);
		this.http.start();
		String host = settings.host().contains(":") ? "[" + settings.host() + "]" : settings.host();
		this.baseUri = URI.create("http://" + host + ":" + this.http.getAddress().getPort());
		this.store.baseUri(this.baseUri);
		try {
			this.sockets = new ChatSockets(this.store, this.clock, this.mapper, settings.host(),
					settings.websocketPort(), this.baseUri.getHost());
		}
		catch (IOException | RuntimeException ex) {
			this.http.stop(0);
			this.executor.shutdownNow();
			throw ex;
		}
		this.store.listener(this.sockets);
		this.control = new ControlApi(this, this.mapper);
	}

	static EmulatorServer start(EmulatorSettings settings) throws IOException {
		return new EmulatorServer(settings);
	}

	/**
	 * Load what a start needs first (the JSON mapper, the service models, the JDK's HTTP
	 * server, its NIO selector and server channel, the default secure random generator
	 * that the pre-signing key comes from, and the emulator's own classes) without
	 * starting anything: the channel and selector opened here are closed unbound.
	 */
	static void preload() {
		JsonMapper mapper = mapper();
		ServiceModel.load(mapper, PARTICIPANT_MODEL);
		ServiceModel.load(mapper, CONNECT_MODEL);
		com.sun.net.httpserver.spi.HttpServerProvider.provider();
		try (Selector selector = Selector.open(); ServerSocketChannel channel = ServerSocketChannel.open()) {
			channel.configureBlocking(false);
		}
		catch (IOException ex) {
			// nothing to load ahead then: the start opens its own and reports what fails
		}
		new SecureRandom().nextBytes(new byte[1]);
		for (Class<?> type : new Class<?>[] { ChatStore.class, ControlApi.class, ObjectStore.class, Presigner.class,
				TranscriptPager.class, FaultInjector.class, Throttler.class, ChatSockets.class, ChatSocketServer.class,
				SocketProtocol.class }) {
			try {
				Class.forName(type.getName(), true, type.getClassLoader());
			}
			catch (ClassNotFoundException ex) {
				throw new IllegalStateException(ex);
			}
		}
	}

	private static JsonMapper mapper() {
		return JsonMapper.builder()
			.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
			.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
			.build();
	}

	URI baseUri() {
		return this.baseUri;
	}

	int port() {
		return this.http.getAddress().getPort();
	}

	ChatStore store() {
		return this.store;
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

	FaultInjector faults() {
		return this.faults;
	}

	Throttler throttler() {
		return this.throttler;
	}

	void reset() {
		this.faults.clear();
		this.throttler.clear();
		this.sockets.reset();
		this.store.reset();
		this.stats.reset();
		this.clock.reset();
	}

	void stop() {
		this.sockets.stop();
		this.http.stop(0);
		this.executor.shutdownNow();
		this.objects.close();
	}

	// ---------------------------------------------------------------- dispatch

	private void handle(HttpExchange exchange) throws IOException {
		exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
		String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
		String path = exchange.getRequestURI().getRawPath();
		try {
			if (path.equals("/_emulator") || path.startsWith("/_emulator/")) {
				this.control.handle(exchange, method, path);
				return;
			}
			Matcher object = OBJECT_PATH.matcher(path);
			if (object.matches()) {
				handleObject(exchange, method, object.group(1), object.group(2));
				return;
			}
			handleOperation(exchange, method, path);
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
			sendJsonError(exchange, new ApiException(500, "InternalServerException", "Internal error"), false);
		}
		finally {
			exchange.close();
		}
	}

	private void handleOperation(HttpExchange exchange, String method, String path) throws IOException {
		String operationName = this.routes.get(path);
		String viewToken = null;
		if (operationName == null && path.startsWith(VIEWS_PREFIX) && path.length() > VIEWS_PREFIX.length()) {
			operationName = "DescribeView";
			try {
				viewToken = URLDecoder.decode(path.substring(VIEWS_PREFIX.length()).replace("+", "%2B"),
						StandardCharsets.UTF_8);
			}
			catch (IllegalArgumentException ex) {
				sendJsonError(exchange, ApiException.validation("ViewToken is not correctly URL-encoded"), false);
				return;
			}
		}
		if (operationName == null) {
			sendJsonError(exchange, new ApiException(404, "UnknownOperationException",
					"No operation at " + method + " " + truncate(path)), false);
			return;
		}
		boolean connect = CONNECT_OPERATIONS.contains(operationName);
		ServiceModel model = connect ? this.connectModel : this.participantModel;
		ServiceModel.Operation operation = model.operation(operationName);
		if (!operation.method().equals(method)) {
			exchange.getResponseHeaders().set("Allow", operation.method());
			sendJsonError(exchange, new ApiException(405, "MethodNotAllowedException",
					operationName + " takes " + operation.method() + ", not " + method), connect);
			return;
		}
		String bearer = exchange.getRequestHeaders().getFirst("X-Amz-Bearer");
		this.stats.record(operationName, this.store.contactIdForToken(bearer));
		Decision fault = this.faults.decide(operationName);
		try {
			applyBeforeFaults(fault);
			if (!this.throttler.tryAcquire(operationName)) {
				throw ApiException.throttling();
			}
			JsonNode body = readJsonBody(exchange, operationName);
			ObjectNode response;
			if (connect) {
				if (exchange.getRequestHeaders().getFirst("Authorization") == null) {
					throw new ApiException(403, "MissingAuthenticationTokenException", "Missing Authentication Token");
				}
				model.validateInput(operation, body, Map.of(), Set.of());
				stall(fault).run();
				response = ("StartChatContact".equals(operationName)) ? this.store.startChatContact(body)
						: stopContact(body);
			}
			else {
				Map<String, String> located = (viewToken != null) ? Map.of("ViewToken", viewToken) : Map.of();
				model.validateInput(operation, body, located, Set.of("ConnectionToken", "ParticipantToken"));
				response = invoke(operationName, bearer, viewToken, body, stall(fault));
			}
			if (fault != null && fault.kind() == Kind.DROP_AFTER) {
				throw new DropConnection();
			}
			byte[] bytes = this.mapper.writeValueAsBytes(response);
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			if (fault != null && fault.kind() == Kind.TRUNCATE) {
				sendTruncated(exchange, 200, bytes, fault.afterBytes());
			}
			exchange.sendResponseHeaders(200, bytes.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(bytes);
			}
		}
		catch (ApiException ex) {
			sendJsonError(exchange, ex, connect);
		}
	}

	private ObjectNode stopContact(JsonNode body) {
		this.store.stopContact(body);
		return this.mapper.createObjectNode();
	}

	/**
	 * What a {@code STALL} fault makes an accepted request wait before it takes effect.
	 */
	private static Runnable stall(Decision fault) {
		return (fault != null && fault.kind() == Kind.STALL) ? () -> sleep(fault.delayMillis()) : () -> {
		};
	}

	/**
	 * Run an operation; {@code stall} is how long it works before it takes effect (a
	 * CompleteAttachmentUpload stalls while its attachment is being completed).
	 */
	private ObjectNode invoke(String operation, String bearer, String viewToken, JsonNode body, Runnable stall) {
		if (!"CompleteAttachmentUpload".equals(operation)) {
			stall.run();
		}
		return switch (operation) {
			case "CreateParticipantConnection" -> this.store.createParticipantConnection(bearer, body);
			case "DisconnectParticipant" -> this.store.disconnectParticipant(bearer, body);
			case "SendMessage" -> this.store.sendMessage(bearer, body);
			case "SendEvent" -> this.store.sendEvent(bearer, body);
			case "GetTranscript" -> this.store.getTranscript(bearer, body);
			case "StartAttachmentUpload" -> this.store.startAttachmentUpload(bearer, body);
			case "CompleteAttachmentUpload" -> this.store.completeAttachmentUpload(bearer, body, stall);
			case "GetAttachment" -> this.store.getAttachment(bearer, body);
			case "DescribeView" -> this.store.describeView(bearer, viewToken);
			case "GetAuthenticationUrl" -> this.store.getAuthenticationUrl(bearer, body);
			case "CancelParticipantAuthentication" -> this.store.cancelParticipantAuthentication(bearer);
			default -> throw new IllegalStateException("No handler for " + operation);
		};
	}

	private void applyBeforeFaults(Decision fault) {
		if (fault == null) {
			return;
		}
		switch (fault.kind()) {
			case THROTTLE -> throw ApiException.throttling();
			case SERVER_ERROR -> throw ApiException.internal("Injected server error");
			case DROP_BEFORE -> throw new DropConnection();
			case DELAY -> sleep(fault.delayMillis());
			default -> {
				// DROP_AFTER and TRUNCATE act on the response, STALL on the operation
			}
		}
	}

	private JsonNode readJsonBody(HttpExchange exchange, String operation) throws IOException {
		byte[] bytes;
		try {
			// not closed here: an oversize body's rest is discarded before the answer
			// (see discardRequestBody)
			bytes = readAtMost(exchange.getRequestBody(), MAX_JSON_BODY + 1);
		}
		catch (IOException ex) {
			exchange.getResponseHeaders().set("Connection", "close");
			throw ApiException.serialization("The request body ended before its declared length");
		}
		if (bytes.length > MAX_JSON_BODY) {
			exchange.getResponseHeaders().set("Connection", "close");
			throw new ApiException(413, "RequestEntityTooLargeException",
					"The request body of " + operation + " exceeds " + MAX_JSON_BODY + " bytes");
		}
		if (bytes.length == 0 || isBlank(bytes)) {
			return this.mapper.createObjectNode();
		}
		JsonNode node;
		try {
			node = this.mapper.readTree(bytes);
		}
		catch (JacksonException ex) {
			throw ApiException.serialization("The request body is not valid JSON");
		}
		if (node == null || !node.isObject()) {
			throw ApiException.serialization("The request body must be a JSON object");
		}
		return node;
	}

	// ---------------------------------------------------------------- pre-signed objects

	private void handleObject(HttpExchange exchange, String method, String contactId, String attachmentId)
			throws IOException {
		String operation = "PUT".equals(method) ? UPLOAD_OBJECT : DOWNLOAD_OBJECT;
		if (!Set.of("PUT", "GET", "HEAD").contains(method)) {
			exchange.getResponseHeaders().set("Allow", "GET, HEAD, PUT");
			sendS3Error(exchange, 405, "MethodNotAllowed", "The specified method is not allowed against this resource");
			return;
		}
		this.stats.record(operation, contactId);
		Decision fault = this.faults.decide(operation);
		if (fault != null) {
			switch (fault.kind()) {
				case THROTTLE -> {
					sendS3Error(exchange, 503, "SlowDown", "Please reduce your request rate.");
					return;
				}
				case SERVER_ERROR -> {
					sendS3Error(exchange, 500, "InternalError", "We encountered an internal error. Please try again.");
					return;
				}
				case DROP_BEFORE -> throw new DropConnection();
				case DELAY, STALL -> sleep(fault.delayMillis());
				default -> {
					// handled below
				}
			}
		}
		if (!this.throttler.tryAcquire(operation)) {
			sendS3Error(exchange, 503, "SlowDown", "Please reduce your request rate.");
			return;
		}
		if ("PUT".equals(method)) {
			upload(exchange, contactId, attachmentId, fault);
		}
		else {
			download(exchange, method, contactId, attachmentId, fault);
		}
	}

	private void upload(HttpExchange exchange, String contactId, String attachmentId, Decision fault)
			throws IOException {
		String contentLength = exchange.getRequestHeaders().getFirst("Content-Length");
		if (contentLength == null) {
			exchange.getResponseHeaders().set("Connection", "close");
			sendS3Error(exchange, 411, "MissingContentLength", "You must provide the Content-Length HTTP header.");
			return;
		}
		String path = "/attachments/" + contactId + "/" + attachmentId;
		Presigner.S3Error error = presigner().verify("PUT", path, exchange.getRequestURI().getRawQuery(),
				this.clock.instant(), (name) -> exchange.getRequestHeaders().getFirst(name));
		if (error != null) {
			exchange.getResponseHeaders().set("Connection", "close");
			sendS3Error(exchange, error.status(), error.code(), error.message());
			return;
		}
		ChatStore.Attachment attachment = this.store.attachmentAt(contactId, attachmentId);
		if (attachment == null) {
			sendS3Error(exchange, 404, "NoSuchUpload", "The specified upload does not exist.");
			return;
		}
		long length;
		try {
			length = Long.parseLong(contentLength.trim());
		}
		catch (NumberFormatException ex) {
			sendS3Error(exchange, 400, "InvalidArgument", "Content-Length is not a number");
			return;
		}
		if (length != attachment.size) {
			exchange.getResponseHeaders().set("Connection", "close");
			sendS3Error(exchange, 403, "SignatureDoesNotMatch", "Content-Length differs from the signed length");
			return;
		}
		try (InputStream in = exchange.getRequestBody();
				ObjectStore.Received received = this.objects.receive(attachment.id, in, length)) {
			// a repeated PUT of a completed attachment (a client retrying its whole
			// upload) is
			// accepted with the same bytes only: what was scanned is never replaced
			if (!this.store.storeObject(attachment, received) && !received.matchesStored()) {
				exchange.getResponseHeaders().set("Connection", "close");
				sendS3Error(exchange, 403, "AccessDenied",
						"The attachment is complete; only its identical content may be PUT again");
				return;
			}
		}
		catch (ObjectStore.IncompleteBodyException ex) {
			exchange.getResponseHeaders().set("Connection", "close");
			sendS3Error(exchange, 400, "IncompleteBody", ex.getMessage());
			return;
		}
		if (fault != null && fault.kind() == Kind.DROP_AFTER) {
			throw new DropConnection();
		}
		exchange.getResponseHeaders().set("ETag", "\"" + attachment.id + "\"");
		exchange.sendResponseHeaders(200, -1);
	}

	private void download(HttpExchange exchange, String method, String contactId, String attachmentId, Decision fault)
			throws IOException {
		String path = "/attachments/" + contactId + "/" + attachmentId;
		Presigner.S3Error error = presigner().verify("GET", path, exchange.getRequestURI().getRawQuery(),
				this.clock.instant(), (name) -> exchange.getRequestHeaders().getFirst(name));
		if (error != null) {
			sendS3Error(exchange, error.status(), error.code(), error.message());
			return;
		}
		ChatStore.Attachment attachment = this.store.attachmentAt(contactId, attachmentId);
		if (attachment == null || !"APPROVED".equals(this.store.status(attachment))) {
			sendS3Error(exchange, 404, "NoSuchKey", "The specified key does not exist.");
			return;
		}
		if (fault != null && fault.kind() == Kind.DROP_AFTER) {
			throw new DropConnection();
		}
		long size = attachment.size;
		long start = 0;
		long end = size - 1;
		int status = 200;
		String range = exchange.getRequestHeaders().getFirst("Range");
		if (range != null) {
			long[] parsed = parseRange(range.trim(), size);
			if (parsed == null) {
				exchange.getResponseHeaders().set("Content-Range", "bytes */" + size);
				sendS3Error(exchange, 416, "InvalidRange", "The requested range is not satisfiable");
				return;
			}
			if (parsed.length == 2) {
				start = parsed[0];
				end = parsed[1];
				status = 206;
				exchange.getResponseHeaders().set("Content-Range", "bytes " + start + "-" + end + "/" + size);
			}
		}
		long length = end - start + 1;
		exchange.getResponseHeaders().set("Content-Type", attachment.contentType);
		exchange.getResponseHeaders().set("Content-Disposition", ChatStore.contentDisposition(attachment.name));
		exchange.getResponseHeaders().set("Accept-Ranges", "bytes");
		exchange.getResponseHeaders().set("ETag", "\"" + attachment.id + "\"");
		exchange.getResponseHeaders().set("Last-Modified", HTTP_DATE.format(attachment.startedAt));
		if ("HEAD".equals(method)) {
			exchange.getResponseHeaders().set("Content-Length", Long.toString(length));
			exchange.sendResponseHeaders(status, -1);
			return;
		}
		long limit = (fault != null && fault.kind() == Kind.TRUNCATE) ? Math.min(fault.afterBytes(), length) : length;
		exchange.sendResponseHeaders(status, length);
		OutputStream out = exchange.getResponseBody();
		try (InputStream in = Files.newInputStream(this.objects.path(attachment.id))) {
			in.skipNBytes(start);
			byte[] buffer = new byte[64 * 1024];
			long remaining = limit;
			while (remaining > 0) {
				int n = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
				if (n < 0) {
					break;
				}
				out.write(buffer, 0, n);
				remaining -= n;
			}
		}
		if (limit < length) {
			out.flush();
			throw new TruncatedResponse();
		}
		out.close();
	}

	/**
	 * {start, end} for a satisfiable single range, {} to ignore the header, null when
	 * unsatisfiable.
	 */
	static long[] parseRange(String header, long size) {
		if (!header.startsWith("bytes=") || header.contains(",")) {
			return new long[0];
		}
		String spec = header.substring(6).trim();
		int dash = spec.indexOf('-');
		if (dash < 0) {
			return new long[0];
		}
		try {
			String first = spec.substring(0, dash).trim();
			String last = spec.substring(dash + 1).trim();
			if (first.isEmpty()) {
				long suffix = Long.parseLong(last);
				if (suffix <= 0) {
					return null;
				}
				return new long[] { Math.max(0, size - suffix), size - 1 };
			}
			long start = Long.parseLong(first);
			long end = last.isEmpty() ? size - 1 : Math.min(Long.parseLong(last), size - 1);
			if (start >= size || start > end) {
				return null;
			}
			return new long[] { start, end };
		}
		catch (NumberFormatException ex) {
			return new long[0];
		}
	}

	private Presigner presigner() {
		return this.store.presigner();
	}

	// ---------------------------------------------------------------- answers

	void sendJsonError(HttpExchange exchange, ApiException error, boolean connect) throws IOException {
		discardRequestBody(exchange);
		String code = error.code();
		int status = error.status();
		if (connect) {
			code = switch (code) {
				case "ValidationException" -> "InvalidParameterException";
				case "ThrottlingException" -> "LimitExceededException";
				case "InternalServerException" -> "InternalServiceException";
				default -> code;
			};
		}
		ObjectNode body = this.mapper.createObjectNode();
		body.put("Message", error.getMessage());
		error.extraMembers().forEach(body::put);
		byte[] bytes = this.mapper.writeValueAsBytes(body);
		exchange.getResponseHeaders().set("x-amzn-ErrorType", code);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		send(exchange, status, bytes);
	}

	private void sendS3Error(HttpExchange exchange, int status, String code, String message) throws IOException {
		discardRequestBody(exchange);
		String requestId = exchange.getResponseHeaders().getFirst("x-amzn-RequestId");
		String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + code + "</Code><Message>"
				+ escapeXml(message) + "</Message><RequestId>" + requestId + "</RequestId></Error>";
		byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/xml");
		exchange.getResponseHeaders().set("x-amz-request-id", requestId);
		send(exchange, status, bytes);
	}

	/**
	 * Sends an answer and its body; a HEAD request gets the headers only (the JDK server
	 * refuses a body there).
	 */
	static void send(HttpExchange exchange, int status, byte[] bytes) throws IOException {
		if ("HEAD".equalsIgnoreCase(exchange.getRequestMethod())) {
			exchange.sendResponseHeaders(status, -1);
			return;
		}
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	private void sendTruncated(HttpExchange exchange, int status, byte[] bytes, long afterBytes) throws IOException {
		exchange.sendResponseHeaders(status, bytes.length);
		OutputStream out = exchange.getResponseBody();
		out.write(bytes, 0, (int) Math.min(bytes.length, Math.max(0, afterBytes)));
		out.flush();
		throw new TruncatedResponse();
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(Math.max(0, millis));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Reads and drops what is left of the request body (up to {@link #MAX_DISCARD} bytes)
	 * before an answer is sent. The JDK server closes a connection whose request body was
	 * not read to its end as soon as the answer is written; a client still sending its
	 * body would then get a connection reset instead of the answer (a 413, or a refused
	 * upload's 403).
	 */
	static void discardRequestBody(HttpExchange exchange) {
		try {
			InputStream in = exchange.getRequestBody();
			byte[] buffer = new byte[64 * 1024];
			long discarded = 0;
			int n;
			while (discarded < MAX_DISCARD && (n = in.read(buffer)) != -1) {
				discarded += n;
			}
		}
		catch (IOException ex) {
			// already closed, or the client went away: nothing left to read
		}
	}

	static byte[] readAtMost(InputStream in, int limit) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		byte[] buffer = new byte[8192];
		int n;
		while (out.size() < limit && (n = in.read(buffer, 0, Math.min(buffer.length, limit - out.size()))) != -1) {
			out.write(buffer, 0, n);
		}
		return out.toByteArray();
	}

	private static boolean isBlank(byte[] bytes) {
		for (byte b : bytes) {
			if (!Character.isWhitespace(b)) {
				return false;
			}
		}
		return true;
	}

	private static String truncate(String value) {
		return (value.length() > 200) ? value.substring(0, 200) + "..." : value;
	}

	private static String escapeXml(String value) {
		return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
	}

	static String httpDate(Instant instant) {
		return HTTP_DATE.format(instant);
	}

	/** Closes the connection without an answer. */
	static final class DropConnection extends RuntimeException {

		private static final long serialVersionUID = 1L;

		DropConnection() {
			super(null, null, false, false);
		}

	}

	/** The answer was cut off on purpose; the connection must be closed abruptly. */
	static final class TruncatedResponse extends RuntimeException {

		private static final long serialVersionUID = 1L;

		TruncatedResponse() {
			super(null, null, false, false);
		}

	}

}
