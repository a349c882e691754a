package io.github.connectparticipant.emulator;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import java.util.Set;

import com.sun.net.httpserver.HttpExchange;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

import io.github.connectparticipant.emulator.FaultPolicy.Fault;
import io.github.connectparticipant.emulator.FaultPolicy.Refusal;
import io.github.connectparticipant.emulator.FaultPolicy.TruncatedResponse;
import io.github.connectparticipant.emulator.Operation.Api;
import io.github.connectparticipant.emulator.Routes.Route;

/**
 * The REST-JSON API operations: the body read and validated against the service model,
 * faults and throttles applied, the operation's handler run and its answer, or its error
 * in the AWS shape ({@code x-amzn-ErrorType} and a JSON {@code Message}), written.
 */
final class ApiEndpoint {

	private static final Set<String> BEARER_MEMBERS = Set.of("ConnectionToken", "ParticipantToken");

	private final Routes routes;

	private final FaultPolicy faults;

	private final Tokens tokens;

	private final ObjectMapper mapper;

	ApiEndpoint(Routes routes, FaultPolicy faults, OperationContext context, ObjectMapper mapper) {
		this.routes = routes;
		this.faults = faults;
		this.tokens = context.tokens();
		this.mapper = mapper;
	}

	void handle(HttpExchange exchange, String method, String path) throws IOException {
		Route route;
		try {
			route = this.routes.route(path);
		}
		catch (ApiException ex) {
			sendError(exchange, ex, Api.PARTICIPANT);
			return;
		}
		if (route == null) {
			sendError(exchange, new ApiException(404, "UnknownOperationException",
					"No operation at " + method + " " + truncate(path)), Api.PARTICIPANT);
			return;
		}
		Operation operation = route.operation();
		if (!route.modeled().method().equals(method)) {
			exchange.getResponseHeaders().set("Allow", route.modeled().method());
			sendError(exchange,
					new ApiException(405, "MethodNotAllowedException",
							operation.wireName() + " takes " + route.modeled().method() + ", not " + method),
					operation.api());
			return;
		}
		String bearer = exchange.getRequestHeaders().getFirst("X-Amz-Bearer");
		try {
			Fault fault = admit(operation, this.tokens.contactIdForToken(bearer));
			JsonNode body = readBody(exchange, operation);
			if (operation.api() == Api.CONNECT) {
				if (exchange.getRequestHeaders().getFirst("Authorization") == null) {
					throw new ApiException(403, "MissingAuthenticationTokenException", "Missing Authentication Token");
				}
				route.model().validateInput(route.modeled(), body, Map.of(), Set.of());
			}
			else {
				Map<String, String> located = (route.viewToken() != null) ? Map.of("ViewToken", route.viewToken())
						: Map.of();
				route.model().validateInput(route.modeled(), body, located, BEARER_MEMBERS);
			}
			if (operation != Operation.COMPLETE_ATTACHMENT_UPLOAD) {
				// CompleteAttachmentUpload stalls while its attachment is being completed
				fault.whileWorking();
			}
			Wire.Response response = route.handler()
				.handle(new ApiCall(bearer, body, route.viewToken(), fault::whileWorking, this.mapper));
			fault.afterWork();
			sendAnswer(exchange, this.mapper.writeValueAsBytes(response), fault);
		}
		catch (ApiException ex) {
			sendError(exchange, ex, operation.api());
		}
	}

	private Fault admit(Operation operation, String contactId) {
		try {
			return this.faults.admit(operation, contactId);
		}
		catch (Refusal ex) {
			throw (ex.reason() == Refusal.Reason.THROTTLED) ? ApiException.throttling()
					: ApiException.internal("Injected server error");
		}
	}

	private JsonNode readBody(HttpExchange exchange, Operation operation) {
		byte[] bytes;
		try {
			bytes = Exchanges.readJsonBody(exchange);
		}
		catch (IOException ex) {
			throw ApiException.serialization("The request body ended before its declared length");
		}
		if (bytes.length > Exchanges.MAX_JSON_BODY) {
			throw new ApiException(413, "RequestEntityTooLargeException",
					"The request body of " + operation.wireName() + " exceeds " + Exchanges.MAX_JSON_BODY + " bytes");
		}
		if (bytes.length == 0 || Exchanges.isBlank(bytes)) {
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

	private void sendAnswer(HttpExchange exchange, byte[] bytes, Fault fault) throws IOException {
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(200, bytes.length);
		long sent = fault.bytesSent(bytes.length);
		OutputStream out = exchange.getResponseBody();
		out.write(bytes, 0, (int) sent);
		if (sent < bytes.length) {
			out.flush();
			throw new TruncatedResponse();
		}
		out.close();
	}

	/**
	 * Sends an error in the dialect of the operation's API: Amazon Connect's names some
	 * errors differently.
	 */
	void sendError(HttpExchange exchange, ApiException error, Api api) throws IOException {
		String code = error.code();
		if (api == Api.CONNECT) {
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
		exchange.getResponseHeaders().set("x-amzn-ErrorType", code);
		Exchanges.send(exchange, error.status(), "application/json", this.mapper.writeValueAsBytes(body));
	}

	private static String truncate(String value) {
		return (value.length() > 200) ? value.substring(0, 200) + "..." : value;
	}

}
