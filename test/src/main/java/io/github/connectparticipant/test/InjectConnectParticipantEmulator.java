package io.github.connectparticipant.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@code ConnectParticipantEmulator} field of a test class annotated with
 * {@link EnableConnectParticipantEmulator}: the test's emulator is set into it before the
 * test runs, as wiremock-spring-boot's {@code @InjectWireMock} does.
 */
@Target(ElementType.FIELD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface InjectConnectParticipantEmulator {

}
