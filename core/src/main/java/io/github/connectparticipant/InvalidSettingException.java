package io.github.connectparticipant;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when a settings value is out of range: names the setting (the record component,
 * such as {@code maxAttempts}) and the rule it breaks, so that code mapping its own
 * configuration onto the settings can name its own key instead.
 */
public class InvalidSettingException extends IllegalArgumentException {

	private final String setting;

	private final transient @Nullable Object value;

	private final String reason;

	/**
	 * Create an exception for a value that breaks a rule.
	 * @param setting the setting's name, as its record component
	 * @param value the value refused
	 * @param reason the rule it breaks, such as "must be at least 1"
	 */
	public InvalidSettingException(String setting, @Nullable Object value, String reason) {
		super(setting + " " + reason);
		this.setting = setting;
		this.value = value;
		this.reason = reason;
	}

	/**
	 * Return the name of the setting refused.
	 * @return the record component's name
	 */
	public String getSetting() {
		return this.setting;
	}

	/**
	 * Return the value refused.
	 * @return the value, or {@code null} when none was given
	 */
	public @Nullable Object getValue() {
		return this.value;
	}

	/**
	 * Return the rule the value breaks.
	 * @return the reason, such as "must be at least 1"
	 */
	public String getReason() {
		return this.reason;
	}

	/**
	 * Refuse a value unless a condition holds.
	 * @param condition whether the value is valid
	 * @param setting the setting's name
	 * @param value the value
	 * @param reason the rule, such as "must be at least 1"
	 * @throws InvalidSettingException if the condition is false
	 */
	public static void check(boolean condition, String setting, @Nullable Object value, String reason) {
		if (!condition) {
			throw new InvalidSettingException(setting, value, reason);
		}
	}

	/**
	 * Refuse a missing, zero or negative duration.
	 * @param value the duration
	 * @param setting the setting's name
	 */
	public static void checkPositive(java.time.@Nullable Duration value, String setting) {
		check(value != null && !value.isNegative() && !value.isZero(), setting, value, "must be a positive duration");
	}

	/**
	 * Refuse a missing or negative duration.
	 * @param value the duration
	 * @param setting the setting's name
	 */
	public static void checkNotNegative(java.time.@Nullable Duration value, String setting) {
		check(value != null && !value.isNegative(), setting, value, "must not be negative");
	}

}
