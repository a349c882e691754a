package io.github.connectparticipant.emulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.traits.DefaultValueTrait;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.core.traits.TraitType;
import software.amazon.awssdk.protocols.core.OperationInfo;
import software.amazon.awssdk.services.connect.ConnectClient;
import software.amazon.awssdk.services.connectparticipant.ConnectParticipantClient;
import software.amazon.awssdk.utils.builder.SdkBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The emulator's bundled service models against the AWS SDK's generated model of the
 * version the project builds with: the same operations (HTTP method and path, modeled
 * errors), the same members of every input and output (wire name, location, type, nested
 * structures, list and map elements, idempotency tokens), the same error shapes and the
 * same enum values. An SDK release that adds an operation, a member or an enum value
 * fails here until the bundled model (and the emulator) follow it.
 * <p>
 * Lengths, ranges, patterns and required members are not in the SDK's generated code (the
 * SDK leaves them to the service); {@link ServiceModelTests} pins how the emulator
 * applies them.
 */
class ServiceModelSdkParityTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Map<String, String> TYPES = Map.ofEntries(Map.entry("string", "String"),
			Map.entry("integer", "Integer"), Map.entry("long", "Long"), Map.entry("boolean", "Boolean"),
			Map.entry("timestamp", "Instant"), Map.entry("structure", "SdkPojo"), Map.entry("list", "List"),
			Map.entry("map", "Map"), Map.entry("blob", "SdkBytes"), Map.entry("double", "Double"),
			Map.entry("float", "Float"), Map.entry("document", "Document"));

	/**
	 * Where the bundled Connect model (the service's current public model) is newer than
	 * the {@code connect} client the project builds with; each line must still differ, so
	 * that the SDK release that catches up removes it.
	 */
	private static final Map<String, String> CONNECT_MODEL_AHEAD_OF_SDK = Map.of(
			"StartChatContact input.DisconnectOnCustomerExit", "List at payload DisconnectOnCustomerExit",
			"StartChatContact input.DisconnectOnCustomerExit[]", "String", "StopContact errors",
			"[ContactNotFoundException, InternalServiceException, InvalidActiveRegionException, "
					+ "InvalidParameterException, InvalidRequestException, ResourceNotFoundException]");

	private static final Set<String> CONNECT_ENUMS_AHEAD_OF_SDK = Set.of("DisconnectOnCustomerExitParticipantType");

	@Test
	void participantServiceOperationsMembersErrorsAndEnumsAreTheSdks() {
		JsonNode model = bundled("connectparticipant-2018-09-07.json");
		Sdk sdk = new Sdk(ConnectParticipantClient.class);
		assertThat(new TreeSet<>(names(model.get("operations")))).as("operations")
			.isEqualTo(new TreeSet<>(sdk.operations()));
		assertThat(describe(model, names(model.get("operations")))).isEqualTo(sdk.describe(sdk.operations()));
		assertThat(modeledErrors(model)).as("error shapes").isEqualTo(sdk.exceptionClasses());
		assertThat(modeledEnums(model)).as("enums and their values").isEqualTo(sdk.enums(sdk.enumClasses()));
	}

	@Test
	void connectOperationsTheEmulatorServesAreTheSdks() {
		JsonNode model = bundled("connect-2017-08-08.json");
		Sdk sdk = new Sdk(ConnectClient.class);
		List<String> served = names(model.get("operations"));
		assertThat(sdk.operations()).containsAll(served);
		Map<String, String> fromSdk = sdk.describe(served);
		CONNECT_MODEL_AHEAD_OF_SDK.forEach((line, what) -> assertThat(fromSdk.get(line))
			.as("the SDK caught up with '%s': drop it from CONNECT_MODEL_AHEAD_OF_SDK", line)
			.isNotEqualTo(what));
		Map<String, String> expected = new TreeMap<>(fromSdk);
		expected.putAll(CONNECT_MODEL_AHEAD_OF_SDK);
		assertThat(describe(model, served)).isEqualTo(expected);
		Map<String, List<String>> enums = modeledEnums(model);
		assertThat(CONNECT_ENUMS_AHEAD_OF_SDK).as("enums the SDK caught up with")
			.allSatisfy((name) -> assertThat(enums).containsKey(name)
				.satisfies((all) -> assertThat(sdk.has(name)).isFalse()));
		enums.keySet().removeAll(CONNECT_ENUMS_AHEAD_OF_SDK);
		assertThat(enums).isEqualTo(sdk.enums(enums.keySet()));
	}

	@Test
	void aMemberTheSdkHasAndTheModelLacksIsReported() {
		JsonNode model = bundled("connectparticipant-2018-09-07.json");
		((ObjectNode) model.get("shapes").get("GetTranscriptRequest").get("members")).remove("ScanDirection");
		Sdk sdk = new Sdk(ConnectParticipantClient.class);
		Map<String, String> fromModel = describe(model, List.of("GetTranscript"));
		Map<String, String> fromSdk = sdk.describe(List.of("GetTranscript"));
		assertThat(fromModel).isNotEqualTo(fromSdk);
		assertThat(fromSdk).containsKey("GetTranscript input.ScanDirection").hasSize(fromModel.size() + 1);
	}

	// ---------------------------------------------------------------- the bundled model

	private static JsonNode bundled(String resource) {
		try (InputStream in = ServiceModel.class.getResourceAsStream("model/" + resource)) {
			return JSON.readTree(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static List<String> names(JsonNode object) {
		List<String> names = new ArrayList<>();
		object.propertyNames().forEach(names::add);
		return names;
	}

	/** Every operation, member and element as a line: path to what it is. */
	private static Map<String, String> describe(JsonNode model, List<String> operations) {
		Map<String, String> lines = new TreeMap<>();
		JsonNode shapes = model.get("shapes");
		for (String name : operations) {
			JsonNode operation = model.get("operations").get(name);
			lines.put(name, operation.get("http").get("method").asString() + " "
					+ operation.get("http").get("requestUri").asString());
			Set<String> errors = new TreeSet<>();
			operation.path("errors").forEach((error) -> errors.add(error.get("shape").asString()));
			lines.put(name + " errors", errors.toString());
			for (String direction : List.of("input", "output")) {
				String shape = operation.path(direction).path("shape").asString(null);
				if (shape != null) {
					describeMembers(shapes, shapes.get(shape), name + " " + direction, lines, Set.of(shape));
				}
			}
		}
		return lines;
	}

	private static void describeMembers(JsonNode shapes, JsonNode structure, String path, Map<String, String> lines,
			Set<String> enclosing) {
		for (Map.Entry<String, JsonNode> member : structure.path("members").properties()) {
			JsonNode memberDef = member.getValue();
			String location = memberDef.path("location").asString("payload");
			String wireName = memberDef.path("locationName").asString(member.getKey());
			String idempotency = memberDef.path("idempotencyToken").asBoolean(false) ? " idempotency-token" : "";
			describeShape(shapes, memberDef.get("shape").asString(), path + "." + member.getKey(),
					location + " " + wireName + idempotency, lines, enclosing);
		}
	}

	private static void describeShape(JsonNode shapes, String shapeName, String path, String where,
			Map<String, String> lines, Set<String> enclosing) {
		JsonNode shape = shapes.get(shapeName);
		String type = shape.get("type").asString();
		boolean recursive = enclosing.contains(shapeName);
		String what = TYPES.getOrDefault(type, type) + ("structure".equals(type) ? " " + shapeName : "")
				+ (recursive ? " (recursive)" : "");
		lines.put(path, (where.isEmpty() ? what : what + " at " + where));
		if (recursive) {
			return;
		}
		Set<String> inside = with(enclosing, shapeName);
		switch (type) {
			case "structure" -> describeMembers(shapes, shape, path, lines, inside);
			case "list" ->
				describeShape(shapes, shape.get("member").get("shape").asString(), path + "[]", "", lines, inside);
			case "map" ->
				describeShape(shapes, shape.get("value").get("shape").asString(), path + "{}", "", lines, inside);
			default -> {
			}
		}
	}

	private static Set<String> with(Set<String> names, String name) {
		Set<String> more = new HashSet<>(names);
		more.add(name);
		return more;
	}

	private static Set<String> modeledErrors(JsonNode model) {
		Set<String> errors = new TreeSet<>();
		for (Map.Entry<String, JsonNode> shape : model.get("shapes").properties()) {
			if (shape.getValue().path("exception").asBoolean(false)) {
				errors.add(shape.getKey());
			}
		}
		return errors;
	}

	private static Map<String, List<String>> modeledEnums(JsonNode model) {
		Map<String, List<String>> enums = new TreeMap<>();
		for (Map.Entry<String, JsonNode> shape : model.get("shapes").properties()) {
			if (shape.getValue().has("enum")) {
				List<String> values = new ArrayList<>();
				shape.getValue().get("enum").forEach((value) -> values.add(value.asString()));
				enums.put(shape.getKey(), values.stream().sorted().toList());
			}
		}
		return enums;
	}

	// ---------------------------------------------------------------- the SDK's
	// generated model

	/** What the SDK's generated classes for one service say about it. */
	private record Sdk(Class<?> client, String servicePackage) {

		Sdk(Class<?> client) {
			this(client, client.getPackageName());
		}

		/** The operations: the client's methods that take one request object. */
		List<String> operations() {
			return Arrays.stream(this.client.getMethods())
				.filter((method) -> method.getParameterCount() == 1)
				.map((method) -> method.getParameterTypes()[0].getSimpleName())
				.filter((type) -> type.endsWith("Request") && !"Request".equals(type))
				.map((type) -> type.substring(0, type.length() - "Request".length()))
				.distinct()
				.toList();
		}

		Map<String, String> describe(List<String> operations) {
			Map<String, String> lines = new TreeMap<>();
			for (String name : operations) {
				OperationInfo info = operationInfo(name);
				lines.put(name, info.httpMethod().name() + " " + info.requestUri());
				lines.put(name + " errors", declaredErrors(name).toString());
				describeFields(pojo(modelClass(name + "Request")), name + " input", lines, Set.of(name + "Request"));
				describeFields(pojo(modelClass(name + "Response")), name + " output", lines, Set.of(name + "Response"));
			}
			return lines;
		}

		private void describeFields(SdkPojo pojo, String path, Map<String, String> lines, Set<String> enclosing) {
			for (SdkField<?> field : pojo.sdkFields()) {
				// the model's names for where a member goes
				String location = switch (field.location()) {
					case PATH, GREEDY_PATH -> "uri";
					case QUERY_PARAM -> "querystring";
					default -> field.location().name().toLowerCase(Locale.ROOT);
				};
				DefaultValueTrait defaultValue = field.getTrait(DefaultValueTrait.class, TraitType.DEFAULT_VALUE_TRAIT);
				String idempotency = (defaultValue != null && defaultValue.resolveValue(null) != null)
						? " idempotency-token" : "";
				describeField(field, path + "." + field.memberName(),
						location + " " + field.locationName() + idempotency, lines, enclosing);
			}
		}

		private void describeField(SdkField<?> field, String path, String where, Map<String, String> lines,
				Set<String> enclosing) {
			String type = field.marshallingType().toString();
			SdkPojo nested = ("SdkPojo".equals(type)) ? field.constructor().get() : null;
			String structure = (nested != null) ? structureName(nested) : null;
			boolean recursive = structure != null && enclosing.contains(structure);
			String what = type + ((structure != null) ? " " + structure : "") + (recursive ? " (recursive)" : "");
			lines.put(path, where.isEmpty() ? what : what + " at " + where);
			if (recursive) {
				return;
			}
			if (nested != null) {
				describeFields(nested, path, lines, with(enclosing, structure));
			}
			// a list or map shape is a level of its own in the model
			Set<String> inside = with(enclosing, "element of " + path);
			ListTrait list = field.getTrait(ListTrait.class, TraitType.LIST_TRAIT);
			if (list != null) {
				describeField(list.memberFieldInfo(), path + "[]", "", lines, inside);
			}
			MapTrait map = field.getTrait(MapTrait.class, TraitType.MAP_TRAIT);
			if (map != null) {
				describeField(map.valueFieldInfo(), path + "{}", "", lines, inside);
			}
		}

		private static String structureName(SdkPojo builder) {
			return (builder instanceof SdkBuilder<?, ?> sdkBuilder) ? sdkBuilder.build().getClass().getSimpleName()
					: builder.getClass().getSimpleName();
		}

		/**
		 * The modeled errors an operation declares: its method's exceptions less the
		 * SDK's general ones.
		 */
		private Set<String> declaredErrors(String operation) {
			Method method = Arrays.stream(this.client.getMethods())
				.filter((candidate) -> candidate.getParameterCount() == 1
						&& candidate.getParameterTypes()[0].getSimpleName().equals(operation + "Request"))
				.findFirst()
				.orElseThrow();
			return Arrays.stream(method.getExceptionTypes())
				.filter(Sdk::isModeledError)
				.map(Class::getSimpleName)
				.collect(Collectors.toCollection(TreeSet::new));
		}

		private OperationInfo operationInfo(String operation) {
			try {
				Class<?> marshaller = Class
					.forName(this.servicePackage + ".transform." + operation + "RequestMarshaller");
				Field binding = marshaller.getDeclaredField("SDK_OPERATION_BINDING");
				binding.setAccessible(true);
				return (OperationInfo) binding.get(null);
			}
			catch (ReflectiveOperationException ex) {
				throw new IllegalStateException(ex);
			}
		}

		private Class<?> modelClass(String simpleName) {
			try {
				return Class.forName(this.servicePackage + ".model." + simpleName);
			}
			catch (ClassNotFoundException ex) {
				throw new IllegalStateException(ex);
			}
		}

		boolean has(String modelClass) {
			try {
				Class.forName(this.servicePackage + ".model." + modelClass);
				return true;
			}
			catch (ClassNotFoundException ex) {
				return false;
			}
		}

		private static SdkPojo pojo(Class<?> modelClass) {
			try {
				Object builder = modelClass.getMethod("builder").invoke(null);
				return (SdkPojo) ((SdkBuilder<?, ?>) builder).build();
			}
			catch (ReflectiveOperationException ex) {
				throw new IllegalStateException(ex);
			}
		}

		/**
		 * An exception class of a modeled error: not the SDK's, not the service's base
		 * exception.
		 */
		private static boolean isModeledError(Class<?> type) {
			return AwsServiceException.class.isAssignableFrom(type) && type != AwsServiceException.class
					&& type.getSuperclass() != AwsServiceException.class;
		}

		/** The model classes in the service's jar. */
		private List<Class<?>> modelClasses() {
			String prefix = (this.servicePackage + ".model.").replace('.', '/');
			try (JarFile jar = new JarFile(
					Path.of(this.client.getProtectionDomain().getCodeSource().getLocation().toURI()).toFile())) {
				List<Class<?>> classes = new ArrayList<>();
				for (String entry : jar.stream().map(ZipEntry::getName).toList()) {
					String rest = entry.startsWith(prefix) ? entry.substring(prefix.length()) : "";
					if (rest.endsWith(".class") && !rest.contains("/") && !rest.contains("$")) {
						classes.add(modelClass(rest.substring(0, rest.length() - ".class".length())));
					}
				}
				return classes;
			}
			catch (IOException | URISyntaxException ex) {
				throw new IllegalStateException(ex);
			}
		}

		Set<String> exceptionClasses() {
			return modelClasses().stream()
				.filter(Sdk::isModeledError)
				.map(Class::getSimpleName)
				.collect(Collectors.toCollection(TreeSet::new));
		}

		Set<String> enumClasses() {
			return modelClasses().stream()
				.filter(Class::isEnum)
				.map(Class::getSimpleName)
				.collect(Collectors.toCollection(TreeSet::new));
		}

		/** The values each enum knows, as they go on the wire. */
		Map<String, List<String>> enums(Set<String> names) {
			Map<String, List<String>> enums = new TreeMap<>();
			for (String name : names) {
				Class<?> type = modelClass(name);
				try {
					Set<?> known = (Set<?>) type.getMethod("knownValues").invoke(null);
					enums.put(name, known.stream().map(Object::toString).sorted().toList());
				}
				catch (ReflectiveOperationException ex) {
					throw new IllegalStateException(name + " is not an enum of the SDK", ex);
				}
			}
			return enums;
		}

	}

}
