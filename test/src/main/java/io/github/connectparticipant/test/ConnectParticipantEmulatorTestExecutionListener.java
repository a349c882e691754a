package io.github.connectparticipant.test;

import java.lang.reflect.Field;

import org.jspecify.annotations.Nullable;

import org.springframework.core.Ordered;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestContextAnnotationUtils;
import org.springframework.test.context.TestExecutionListener;
import org.springframework.util.ReflectionUtils;

import io.github.connectparticipant.emulator.ConnectParticipantEmulator;

/**
 * Sets the test's emulator into its {@link InjectConnectParticipantEmulator} fields
 * before the test runs and resets the emulator after each test method, so that no chat,
 * fault, throttle or clock offset leaks into the next test that shares the context.
 * Registered in {@code META-INF/spring.factories}; tests without
 * {@link EnableConnectParticipantEmulator} are left alone.
 */
class ConnectParticipantEmulatorTestExecutionListener implements TestExecutionListener, Ordered {

	@Override
	public int getOrder() {
		// before Spring's dependency injection (2000), so that @BeforeEach methods see
		// the field
		return 1900;
	}

	@Override
	public void prepareTestInstance(TestContext testContext) {
		Object instance = testContext.getTestInstance();
		ReflectionUtils.doWithFields(instance.getClass(), (field) -> inject(testContext, instance, field),
				(field) -> field.isAnnotationPresent(InjectConnectParticipantEmulator.class));
	}

	@Override
	public void afterTestMethod(TestContext testContext) {
		ConnectParticipantEmulator emulator = emulatorOf(testContext);
		if (emulator != null) {
			emulator.reset();
		}
	}

	private void inject(TestContext testContext, Object instance, Field field) {
		if (field.getType() != ConnectParticipantEmulator.class) {
			throw new IllegalStateException("@InjectConnectParticipantEmulator field " + field.getName()
					+ " must be of type " + ConnectParticipantEmulator.class.getName());
		}
		ConnectParticipantEmulator emulator = emulatorOf(testContext);
		if (emulator == null) {
			throw new IllegalStateException("@InjectConnectParticipantEmulator field " + field.getName()
					+ " needs @EnableConnectParticipantEmulator on " + testContext.getTestClass().getName());
		}
		ReflectionUtils.makeAccessible(field);
		ReflectionUtils.setField(field, instance, emulator);
	}

	private static @Nullable ConnectParticipantEmulator emulatorOf(TestContext testContext) {
		if (!TestContextAnnotationUtils.hasAnnotation(testContext.getTestClass(),
				EnableConnectParticipantEmulator.class)) {
			return null;
		}
		return ConnectParticipantEmulatorContextCustomizer.emulator(testContext.getApplicationContext());
	}

}
