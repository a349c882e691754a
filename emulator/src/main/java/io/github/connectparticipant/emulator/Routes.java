package io.github.connectparticipant.emulator;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.ObjectMapper;

/**
 * Where each request goes: the control API under {@code /_emulator/}, attachments'
 * objects at their pre-signed paths, and every API operation at its service model's
 * method and path, each to its handler.
 */
final class Routes {

	static final String PARTICIPANT_MODEL = "connectparticipant-2018-09-07.json";

	static final String CONNECT_MODEL = "connect-2017-08-08.json";

	private static final Pattern OBJECT_PATH = Pattern
		.compile("/attachments/([A-Za-z0-9-]{1,64})/([A-Za-z0-9-]{1,64})");

	private static final String VIEWS_PREFIX = "/participant/views/";

	private final Map<String, Operation> byPath = new HashMap<>();

	private final Map<Operation, ServiceModel.Operation> models = new EnumMap<>(Operation.class);

	private final Map<Operation, ServiceModel> modelOf = new EnumMap<>(Operation.class);

	private final Map<Operation, Handler> handlers = new EnumMap<>(Operation.class);

	Routes(ObjectMapper mapper, ConnectOperations connect, ParticipantOperations participant,
			AttachmentOperations attachments) {
		for (String resource : new String[] { PARTICIPANT_MODEL, CONNECT_MODEL }) {
			ServiceModel model = ServiceModel.load(mapper, resource);
			model.operations().values().forEach((modeled) -> {
				Operation operation = Operation.named(modeled.name());
				if (operation == null) {
					throw new IllegalStateException("No operation for " + modeled.name() + " of " + resource);
				}
				this.models.put(operation, modeled);
				this.modelOf.put(operation, model);
				if (!modeled.requestUri().contains("{")) {
					this.byPath.put(modeled.requestUri(), operation);
				}
			});
		}
		this.handlers.put(Operation.START_CHAT_CONTACT, connect::startChatContact);
		this.handlers.put(Operation.STOP_CONTACT, connect::stopContact);
		this.handlers.put(Operation.CREATE_PARTICIPANT_CONNECTION, participant::createParticipantConnection);
		this.handlers.put(Operation.DISCONNECT_PARTICIPANT, participant::disconnectParticipant);
		this.handlers.put(Operation.SEND_MESSAGE, participant::sendMessage);
		this.handlers.put(Operation.SEND_EVENT, participant::sendEvent);
		this.handlers.put(Operation.GET_TRANSCRIPT, participant::getTranscript);
		this.handlers.put(Operation.DESCRIBE_VIEW, participant::describeView);
		this.handlers.put(Operation.GET_AUTHENTICATION_URL, participant::getAuthenticationUrl);
		this.handlers.put(Operation.CANCEL_PARTICIPANT_AUTHENTICATION, participant::cancelParticipantAuthentication);
		this.handlers.put(Operation.START_ATTACHMENT_UPLOAD, attachments::startAttachmentUpload);
		this.handlers.put(Operation.COMPLETE_ATTACHMENT_UPLOAD, attachments::completeAttachmentUpload);
		this.handlers.put(Operation.GET_ATTACHMENT, attachments::getAttachment);
		for (Operation operation : this.models.keySet()) {
			if (!this.handlers.containsKey(operation)) {
				throw new IllegalStateException("No handler for " + operation.wireName());
			}
		}
	}

	static boolean isControl(String path) {
		return path.equals("/_emulator") || path.startsWith("/_emulator/");
	}

	/** The contact and attachment ids of an object path, or null. */
	static ObjectKey objectKey(String path) {
		Matcher matcher = OBJECT_PATH.matcher(path);
		return matcher.matches() ? new ObjectKey(matcher.group(1), matcher.group(2)) : null;
	}

	/**
	 * The API operation at a path, whatever the method; null when none is.
	 * @throws ApiException if the path's view token is not correctly URL-encoded
	 */
	Route route(String path) {
		Operation operation = this.byPath.get(path);
		String viewToken = null;
		if (operation == null && path.startsWith(VIEWS_PREFIX) && path.length() > VIEWS_PREFIX.length()) {
			operation = Operation.DESCRIBE_VIEW;
			try {
				viewToken = URLDecoder.decode(path.substring(VIEWS_PREFIX.length()).replace("+", "%2B"),
						StandardCharsets.UTF_8);
			}
			catch (IllegalArgumentException ex) {
				throw ApiException.validation("ViewToken is not correctly URL-encoded");
			}
		}
		if (operation == null) {
			return null;
		}
		return new Route(operation, this.modelOf.get(operation), this.models.get(operation), viewToken,
				this.handlers.get(operation));
	}

	/** What handles an API operation's request. */
	@FunctionalInterface
	interface Handler {

		Wire.Response handle(ApiCall call);

	}

	/**
	 * An API operation matched by path.
	 *
	 * @param viewToken the path's view token (DescribeView), or null
	 */
	record Route(Operation operation, ServiceModel model, ServiceModel.Operation modeled, String viewToken,
			Handler handler) {

		@Override
		public String toString() {
			return "Route[" + this.operation + "]";
		}

	}

	/** The address of an attachment's object. */
	record ObjectKey(String contactId, String attachmentId) {
	}

}
