package io.github.connectparticipant.sample;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static io.github.connectparticipant.sample.HostileBytes.bytes;
import static io.github.connectparticipant.sample.HostileBytes.concat;

/**
 * A multipart form as bytes on the wire, with the knobs {@link MultipartMutation} turns
 * to break it: boundary, line endings, closing delimiter, preamble and epilogue,
 * truncation, byte flips, and a request {@code Content-Length} larger than what is sent.
 */
final class MultipartForm {

	static final String CRLF = "\r\n";

	String boundary;

	String contentType;

	final List<Part> parts = new ArrayList<>();

	String eol = CRLF;

	boolean closing = true;

	boolean crlfAfterDelimiter = true;

	byte[] preamble = new byte[0];

	byte[] epilogue = new byte[0];

	int truncateAt = -1;

	int flips;

	long flipSeed;

	long declaredExtra;

	private static final String[] NAMES = { "order.txt", "photo.png", "notes", "report.pdf", "data.csv",
			"r\u00e9sum\u00e9.txt", "scan.jpg", "memo.docx" };

	static MultipartForm valid(Random random) {
		MultipartForm form = new MultipartForm();
		form.boundary = "----fuzz" + Long.toHexString(random.nextLong());
		form.contentType = "multipart/form-data; boundary=" + form.boundary;
		String name = NAMES[random.nextInt(NAMES.length)];
		byte[] content = new byte[1 + random.nextInt(512)];
		for (int i = 0; i < content.length; i++) {
			content[i] = (byte) (0x20 + random.nextInt(0x5f));
		}
		String type = name.endsWith(".png") ? "image/png" : name.endsWith(".pdf") ? "application/pdf" : "text/plain";
		form.parts.add(new Part(content, "Content-Disposition: form-data; name=\"file\"; filename=\"" + name + "\"",
				"Content-Type: " + type));
		if (random.nextInt(4) == 0) {
			form.parts.add(new Part(bytes("a comment"), "Content-Disposition: form-data; name=\"comment\""));
		}
		return form;
	}

	static MultipartForm withDisposition(byte[] fileNameParameters, byte[] content) {
		MultipartForm form = new MultipartForm();
		form.boundary = "----hostile" + Long.toHexString(new Random(Arrays.hashCode(fileNameParameters)).nextLong());
		form.contentType = "multipart/form-data; boundary=" + form.boundary;
		Part part = new Part(content);
		part.headers.add(concat(bytes("Content-Disposition: form-data; name=\"file\"; "), fileNameParameters));
		part.headers.add(bytes("Content-Type: text/plain"));
		form.parts.add(part);
		return form;
	}

	Part file() {
		return this.parts.get(0);
	}

	byte[] serialize() {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.writeBytes(this.preamble);
		for (Part part : this.parts) {
			out.writeBytes(bytes("--" + this.boundary + (this.crlfAfterDelimiter ? this.eol : "")));
			for (byte[] header : part.headers) {
				out.writeBytes(header);
				out.writeBytes(bytes(this.eol));
			}
			if (part.blankLine) {
				out.writeBytes(bytes(this.eol));
			}
			out.writeBytes(part.content);
			out.writeBytes(bytes(this.eol));
		}
		if (this.closing) {
			out.writeBytes(bytes("--" + this.boundary + "--" + this.eol));
		}
		out.writeBytes(this.epilogue);
		return out.toByteArray();
	}

	/** One part of a multipart form, as header lines and content. */
	static final class Part {

		final List<byte[]> headers = new ArrayList<>();

		byte[] content;

		boolean blankLine = true;

		Part(byte[] content, String... headers) {
			this.content = content;
			for (String header : headers) {
				this.headers.add(bytes(header));
			}
		}

	}

}
