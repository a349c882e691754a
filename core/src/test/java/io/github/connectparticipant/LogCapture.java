package io.github.connectparticipant;

import java.util.ArrayList;
import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

/**
 * Captures what the given loggers write, at the given level and above, with the full text
 * of any exception logged (messages, causes and stack frames).
 */
public final class LogCapture implements AutoCloseable {

	private final List<Logger> loggers = new ArrayList<>();

	private final List<Level> previousLevels = new ArrayList<>();

	private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

	private LogCapture() {
	}

	/**
	 * Start capturing the named loggers at the given level.
	 */
	public static LogCapture start(Level level, String... loggerNames) {
		LogCapture capture = new LogCapture();
		LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
		capture.appender.setContext(context);
		capture.appender.start();
		for (String name : loggerNames) {
			Logger logger = context.getLogger(name);
			capture.loggers.add(logger);
			capture.previousLevels.add(logger.getLevel());
			logger.setLevel(level);
			logger.addAppender(capture.appender);
		}
		return capture;
	}

	/**
	 * Return every captured event as text: level, logger, message and exception.
	 */
	public synchronized List<String> lines() {
		List<String> lines = new ArrayList<>();
		for (ILoggingEvent event : new ArrayList<>(this.appender.list)) {
			StringBuilder text = new StringBuilder();
			text.append(event.getLevel())
				.append(' ')
				.append(event.getLoggerName())
				.append(" - ")
				.append(event.getFormattedMessage());
			for (IThrowableProxy proxy = event.getThrowableProxy(); proxy != null; proxy = proxy.getCause()) {
				text.append("\n").append(proxy.getClassName()).append(": ").append(proxy.getMessage());
				for (StackTraceElementProxy frame : proxy.getStackTraceElementProxyArray()) {
					text.append("\n\t").append(frame.getSTEAsString());
				}
			}
			lines.add(text.toString());
		}
		return lines;
	}

	/**
	 * Return all captured text in one string.
	 */
	public String text() {
		return String.join("\n", lines());
	}

	@Override
	public void close() {
		for (int i = 0; i < this.loggers.size(); i++) {
			this.loggers.get(i).detachAppender(this.appender);
			this.loggers.get(i).setLevel(this.previousLevels.get(i));
		}
		this.appender.stop();
	}

}
