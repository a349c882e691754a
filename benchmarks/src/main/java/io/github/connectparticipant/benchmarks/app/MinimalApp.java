package io.github.connectparticipant.benchmarks.app;

import java.util.Arrays;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The application whose start-up the start-up benchmark measures: a web application
 * with Actuator (the sample app's own stack), started with and without the starter on
 * its class path. It does not touch the starter's beans, so the same code runs either
 * way; when ready it prints which of the starter's beans it has.
 */
@SpringBootApplication
public class MinimalApp {

	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(MinimalApp.class);
		application.addListeners((ApplicationListener<ApplicationReadyEvent>) (event) -> {
			String[] names = event.getApplicationContext().getBeanDefinitionNames();
			long starterBeans = Arrays.stream(names).filter((name) -> name.toLowerCase().contains("connectparticipant"))
				.count();
			boolean emulator = Arrays.stream(names).anyMatch((name) -> name.toLowerCase().contains("emulator"));
			System.out.println("BENCHMARK-READY starterBeans=" + starterBeans + " emulator=" + emulator);
			System.out.flush();
		});
		application.run(args);
	}

	@RestController
	static class Hello {

		@GetMapping("/")
		String hello() {
			return "hello";
		}

	}

}
