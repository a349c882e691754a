package io.github.connectparticipant.sample.attachment;

import io.github.connectparticipant.ConnectParticipantSettings;
import jakarta.servlet.MultipartConfigElement;
import org.springframework.boot.servlet.MultipartConfigFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

/**
 * Multipart limits taken from the starter's largest attachment
 * ({@code connect.participant.attachments.max-size}), so that the servlet container
 * refuses a larger file while reading it (a 413 problem detail) instead of spooling it
 * first. Parts are written to disk from their first byte: memory does not grow with the
 * file's size.
 */
@Configuration(proxyBeanMethods = false)
class MultipartConfiguration {

	/**
	 * Room in a request for the multipart framing and the form's other fields.
	 */
	static final DataSize REQUEST_OVERHEAD = DataSize.ofKilobytes(64);

	@Bean
	MultipartConfigElement multipartConfigElement(ConnectParticipantSettings settings) {
		DataSize maxFile = settings.maxAttachmentSize();
		MultipartConfigFactory factory = new MultipartConfigFactory();
		factory.setMaxFileSize(maxFile);
		factory.setMaxRequestSize(DataSize.ofBytes(maxFile.toBytes() + REQUEST_OVERHEAD.toBytes()));
		factory.setFileSizeThreshold(DataSize.ofBytes(0));
		return factory.createMultipartConfig();
	}

}
