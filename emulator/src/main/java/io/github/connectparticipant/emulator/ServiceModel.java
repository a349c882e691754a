package io.github.connectparticipant.emulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The constraints of a public AWS service model (shapes, members, lengths, ranges, enums,
 * patterns), loaded from a copy of the model with its documentation removed. Validation
 * is driven by the model so that the emulator refuses exactly what the model forbids.
 */
final class ServiceModel {

	private final Map<String, Operation> operations;

	private final JsonNode shapes;

	private final Map<String, Pattern> patterns = new java.util.concurrent.ConcurrentHashMap<>();

	private ServiceModel(JsonNode root) {
		this.shapes = root.get("shapes");
		Map<String, Operation> ops = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> entry : root.get("operations").properties()) {
			JsonNode op = entry.getValue();
			List<String> errors = new ArrayList<>();
			for (JsonNode error : op.path("errors")) {
				errors.add(error.get("shape").asString());
			}
			ops.put(entry.getKey(),
					new Operation(entry.getKey(), op.get("http").get("method").asString(),
							op.get("http").get("requestUri").asString(), op.path("input").path("shape").asString(null),
							op.path("output").path("shape").asString(null), List.copyOf(errors)));
		}
		this.operations = Collections.unmodifiableMap(ops);
	}

	/**
	 * Models parsed once per class loader: immutable, shared by every emulator.
	 */
	private static final Map<String, ServiceModel> loaded = new java.util.concurrent.ConcurrentHashMap<>();

	static ServiceModel load(ObjectMapper mapper, String resource) {
		return loaded.computeIfAbsent(resource, (name) -> parse(mapper, name));
	}

	private static ServiceModel parse(ObjectMapper mapper, String resource) {
		try (InputStream in = ServiceModel.class.getResourceAsStream("model/" + resource)) {
			if (in == null) {
				throw new IllegalStateException("Service model resource missing: " + resource);
			}
			return new ServiceModel(mapper.readTree(in));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	Map<String, Operation> operations() {
		return this.operations;
	}

	Operation operation(String name) {
		Operation op = this.operations.get(name);
		if (op == null) {
			throw new IllegalArgumentException("Unknown operation " + name);
		}
		return op;
	}

	/** HTTP status of a modeled error shape, or -1 when the model does not have it. */
	int errorStatus(String errorShape) {
		JsonNode shape = this.shapes.get(errorShape);
		return (shape != null) ? shape.path("error").path("httpStatusCode").asInt(-1) : -1;
	}

	/**
	 * Validates the JSON body (and header/URI members supplied separately) of an
	 * operation's input against the model.
	 * @param operation the operation
	 * @param body the parsed JSON body (an object)
	 * @param locatedMembers members bound to headers or the URI, by member name; a
	 * missing entry means the member was not sent
	 * @param skipRequired member names whose presence the caller checks itself
	 * @throws ApiException a {@code SerializationException} when a value has the wrong
	 * JSON type, a {@code ValidationException} listing every violated constraint
	 * otherwise
	 */
	void validateInput(Operation operation, JsonNode body, Map<String, String> locatedMembers,
			Set<String> skipRequired) {
		if (operation.inputShape() == null) {
			return;
		}
		JsonNode input = this.shapes.get(operation.inputShape());
		List<String> violations = new ArrayList<>();
		JsonNode required = input.path("required");
		for (Map.Entry<String, JsonNode> member : input.path("members").properties()) {
			String name = member.getKey();
			JsonNode memberDef = member.getValue();
			String location = memberDef.path("location").asString(null);
			boolean isRequired = contains(required, name) && !skipRequired.contains(name);
			if (location != null) {
				String value = locatedMembers.get(name);
				if (value == null) {
					if (isRequired) {
						violations.add(violation(name, "Member must not be null"));
					}
					continue;
				}
				checkString(this.shapes.get(memberDef.get("shape").asString()), value, name, violations);
				continue;
			}
			JsonNode value = body.get(name);
			if (value == null || value.isNull()) {
				if (isRequired) {
					violations.add(violation(name, "Member must not be null"));
				}
				continue;
			}
			check(memberDef.get("shape").asString(), value, name, violations);
		}
		if (!violations.isEmpty()) {
			String message = violations.size() + " validation error" + ((violations.size() == 1) ? "" : "s")
					+ " detected: " + String.join("; ", violations);
			throw ApiException.validation(message);
		}
	}

	private void check(String shapeName, JsonNode value, String path, List<String> violations) {
		JsonNode shape = this.shapes.get(shapeName);
		String type = shape.get("type").asString();
		switch (type) {
			case "structure" -> {
				if (!value.isObject()) {
					throw typeError(path, "an object");
				}
				JsonNode required = shape.path("required");
				int present = 0;
				for (Map.Entry<String, JsonNode> member : shape.path("members").properties()) {
					JsonNode memberValue = value.get(member.getKey());
					String memberPath = path + "." + member.getKey();
					if (memberValue == null || memberValue.isNull()) {
						if (contains(required, member.getKey())) {
							violations.add(violation(memberPath, "Member must not be null"));
						}
						continue;
					}
					present++;
					check(member.getValue().get("shape").asString(), memberValue, memberPath, violations);
				}
				if (shape.path("union").asBoolean(false) && present > 1) {
					violations.add(violation(path, "Union must have exactly one member set"));
				}
			}
			case "list" -> {
				if (!value.isArray()) {
					throw typeError(path, "a list");
				}
				checkSize(shape, value.size(), path, "Member must have length", violations);
				int i = 0;
				for (JsonNode element : value) {
					if (element.isNull()) {
						violations.add(violation(path + "[" + i + "]", "Member must not be null"));
					}
					else {
						check(shape.get("member").get("shape").asString(), element, path + "[" + i + "]", violations);
					}
					i++;
				}
			}
			case "map" -> {
				if (!value.isObject()) {
					throw typeError(path, "a map");
				}
				checkSize(shape, value.size(), path, "Member must have length", violations);
				for (Map.Entry<String, JsonNode> entry : value.properties()) {
					checkString(this.shapes.get(shape.get("key").get("shape").asString()), entry.getKey(),
							path + ".key", violations);
					if (!entry.getValue().isNull()) {
						check(shape.get("value").get("shape").asString(), entry.getValue(),
								path + "['" + entry.getKey() + "']", violations);
					}
				}
			}
			case "string" -> {
				if (!value.isString()) {
					throw typeError(path, "a string");
				}
				checkString(shape, value.asString(), path, violations);
			}
			case "integer", "long" -> {
				if (!value.isIntegralNumber() || !value.canConvertToLong()
						|| ("integer".equals(type) && !value.canConvertToInt())) {
					throw typeError(path, "an " + ("integer".equals(type) ? "integer" : "integer (64 bit)"));
				}
				long number = value.longValue();
				if (shape.has("min") && number < shape.get("min").asLong()) {
					violations.add(violation(path,
							"Member must have value greater than or equal to " + shape.get("min").asLong()));
				}
				if (shape.has("max") && number > shape.get("max").asLong()) {
					violations.add(violation(path,
							"Member must have value less than or equal to " + shape.get("max").asLong()));
				}
			}
			case "boolean" -> {
				if (!value.isBoolean()) {
					throw typeError(path, "a boolean");
				}
			}
			case "timestamp", "double", "float" -> {
				if (!value.isNumber() && !value.isString()) {
					throw typeError(path, "a " + type);
				}
			}
			default -> {
				// blobs and documents: not used by these operations' inputs
			}
		}
	}

	private void checkString(JsonNode shape, String value, String path, List<String> violations) {
		checkSize(shape, value.codePointCount(0, value.length()), path, "Member must have length", violations);
		JsonNode enumValues = shape.get("enum");
		if (enumValues != null && !contains(enumValues, value)) {
			List<String> allowed = new ArrayList<>();
			enumValues.forEach((v) -> allowed.add(v.asString()));
			violations.add(violation(path, "Member must satisfy enum value set: " + allowed));
		}
		JsonNode pattern = shape.get("pattern");
		if (pattern != null) {
			Pattern compiled = this.patterns.computeIfAbsent(pattern.asString(), Pattern::compile);
			if (!compiled.matcher(value).find()) {
				violations
					.add(violation(path, "Member must satisfy regular expression pattern: " + pattern.asString()));
			}
		}
	}

	private static void checkSize(JsonNode shape, int size, String path, String what, List<String> violations) {
		if (shape.has("min") && size < shape.get("min").asInt()) {
			violations.add(violation(path, what + " greater than or equal to " + shape.get("min").asInt()));
		}
		if (shape.has("max") && size > shape.get("max").asInt()) {
			violations.add(violation(path, what + " less than or equal to " + shape.get("max").asInt()));
		}
	}

	private static String violation(String path, String constraint) {
		return "Value at '" + path + "' failed to satisfy constraint: " + constraint;
	}

	private static ApiException typeError(String path, String expected) {
		return ApiException.serialization("Value at '" + path + "' must be " + expected);
	}

	private static boolean contains(JsonNode array, String value) {
		for (JsonNode element : array) {
			if (value.equals(element.asString())) {
				return true;
			}
		}
		return false;
	}

	/** One operation of the model. */
	record Operation(String name, String method, String requestUri, String inputShape, String outputShape,
			List<String> errors) {
	}

}
