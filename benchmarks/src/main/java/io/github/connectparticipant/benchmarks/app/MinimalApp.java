package io.github.connectparticipant.benchmarks.app;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The application whose start-up the start-up benchmark measures: a web application with
 * Actuator (the sample app's stack), started with and without the starter on its class
 * path. It does not touch the starter's beans, so the same code runs either way. Once
 * started, right after Boot's {@code Started} line and before anything the
 * application-ready event sets off, it prints the work the start took (CPU time of the
 * whole process and of the main thread, classes loaded, bytes the main thread allocated);
 * when ready, which of the starter's beans it has.
 */
@SpringBootApplication
public class MinimalApp {

	/** Start of the line with the start's work. */
	public static final String WORK = "BENCHMARK-WORK";

	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(MinimalApp.class);
		application.addListeners((ApplicationListener<ApplicationStartedEvent>) (event) -> {
			System.out.println(work());
			System.out.flush();
		});
		application.addListeners((ApplicationListener<ApplicationReadyEvent>) (event) -> {
			String[] names = event.getApplicationContext().getBeanDefinitionNames();
			long starterBeans = Arrays.stream(names)
				.filter((name) -> name.toLowerCase().contains("connectparticipant"))
				.count();
			boolean emulator = Arrays.stream(names).anyMatch((name) -> name.toLowerCase().contains("emulator"));
			System.out.println("BENCHMARK-READY starterBeans=" + starterBeans + " emulator=" + emulator);
			System.out.flush();
		});
		application.run(args);
	}

	/**
	 * The work this JVM has done so far, as the line the benchmark reads; -1 for what the
	 * JVM does not report.
	 */
	public static String work() {
		OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
		long cpu = (os instanceof com.sun.management.OperatingSystemMXBean hotspot) ? hotspot.getProcessCpuTime() : -1;
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		long mainCpu = threads.isCurrentThreadCpuTimeSupported() ? threads.getCurrentThreadCpuTime() : -1;
		long allocated = (threads instanceof com.sun.management.ThreadMXBean hotspot)
				? hotspot.getThreadAllocatedBytes(Thread.currentThread().getId()) : -1;
		long classes = ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount();
		return WORK + " cpuNanos=" + cpu + " mainCpuNanos=" + mainCpu + " classes=" + classes + " mainAllocated="
				+ allocated;
	}

	@RestController
	static class Hello {

		@GetMapping("/")
		String hello() {
			return "hello";
		}

	}

}
