package io.github.connectparticipant.sample;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.function.BiConsumer;

import io.github.connectparticipant.sample.MultipartForm.Part;

import static io.github.connectparticipant.sample.HostileBytes.bytes;
import static io.github.connectparticipant.sample.HostileBytes.concat;
import static io.github.connectparticipant.sample.HostileBytes.noise;

/** Ways to break a multipart form: each alone, then in seeded random combinations. */
enum MultipartMutation {

	BOUNDARY_MISMATCH(
			(form, random) -> form.contentType = "multipart/form-data; boundary=other" + random.nextInt(1000)),

	BOUNDARY_MISSING((form, random) -> form.contentType = "multipart/form-data"),

	BOUNDARY_EMPTY((form, random) -> form.contentType = "multipart/form-data; boundary="),

	BOUNDARY_TOO_LONG((form, random) -> {
		form.boundary = "b".repeat(71 + random.nextInt(4000));
		form.contentType = "multipart/form-data; boundary=" + form.boundary;
	}),

	BOUNDARY_ODD_CHARACTERS((form, random) -> {
		String[] odd = { "a b", "a\"b", "a;b", "a=b", "--", "\u00e9t\u00e9", "a\\b", "   " };
		form.boundary = odd[random.nextInt(odd.length)];
		form.contentType = "multipart/form-data; boundary=\"" + form.boundary.replace("\"", "\\\"") + "\"";
	}),

	BOUNDARY_PARAMETER_TWICE(
			(form, random) -> form.contentType = "multipart/form-data; boundary=first; boundary=" + form.boundary),

	REQUEST_CHARSET_BOGUS((form, random) -> form.contentType += "; charset=x-bogus-" + random.nextInt(100)),

	NO_CLOSING_DELIMITER((form, random) -> form.closing = false),

	DELIMITER_WITHOUT_LINE_BREAK((form, random) -> form.crlfAfterDelimiter = false),

	LF_LINE_ENDINGS((form, random) -> form.eol = "\n"),

	NO_PARTS((form, random) -> form.parts.clear()),

	EMPTY_BODY((form, random) -> {
		form.parts.clear();
		form.closing = false;
	}),

	PREAMBLE_AND_EPILOGUE_NOISE((form, random) -> {
		form.preamble = noise(random, 1 + random.nextInt(2000));
		form.epilogue = noise(random, 1 + random.nextInt(2000));
	}),

	MISSING_FILE_PART((form, random) -> {
		if (!form.parts.isEmpty()) {
			form.file().headers.set(0, bytes("Content-Disposition: form-data; name=\"document\"; filename=\"a.txt\""));
		}
	}),

	DUPLICATED_FILE_PART((form, random) -> {
		form.parts.add(new Part(bytes("second"), "Content-Disposition: form-data; name=\"file\"; filename=\"evil.exe\"",
				"Content-Type: application/x-msdownload"));
	}),

	DUPLICATED_PART_HEADERS((form, random) -> {
		if (!form.parts.isEmpty()) {
			form.file().headers.add(bytes("Content-Disposition: form-data; name=\"file\"; filename=\"evil.exe\""));
			form.file().headers.add(bytes("Content-Type: application/x-msdownload"));
		}
	}),

	NO_CONTENT_DISPOSITION((form, random) -> {
		if (!form.parts.isEmpty()) {
			form.file().headers.removeIf(
					(header) -> new String(header, StandardCharsets.ISO_8859_1).startsWith("Content-Disposition"));
		}
	}),

	CONTENT_DISPOSITION_VARIANT((form, random) -> {
		String[] variants = { "attachment; name=\"file\"; filename=\"x.txt\"", "form-data; filename=\"x.txt\"",
				"form-data; name=file; filename=x.txt", "form-data; name=\"file\"; filename*=x-bogus''x.txt",
				"form-data; name=\"file\"; filename*=UTF-8''%ZZ.txt",
				"form-data; name=\"file\"; filename*=UTF-8''%E2%80%AEgpj.txt",
				"form-data; name=\"file\"; filename=\"\"", "form-data; name=\"file\"; filename",
				"form-data; name=\"file\"; filename=\"unterminated.txt",
				"form-data; name=\"file\"; filename=\"a.txt\"; filename=\"b.exe\"",
				"form-data; name=\"file;\"; filename=\"a.txt\"", "form-data;;;;",
				"form-data; name=\"file\"; filename=\"x.txt\"; size=-1; creation-date=\"garbage\"",
				"form-data; name*=UTF-8''file; filename=\"x.txt\"", "FORM-DATA; NAME=\"file\"; FILENAME=\"x.txt\"",
				"form-data; name=\"file\"; filename=\"" + "d".repeat(3000) + ".txt\"", "", ";", "=" };
		if (!form.parts.isEmpty()) {
			form.file().headers.set(0, bytes("Content-Disposition: " + variants[random.nextInt(variants.length)]));
		}
	}),

	GARBAGE_PART_HEADER((form, random) -> {
		byte[][] garbage = { bytes("NoColonHere"), { 0, 1, 2, (byte) 0xff, ':', ' ', 0 }, bytes(" folded continuation"),
				bytes("Content-Disposition : form-data; name=\"file\""), bytes(": no name"),
				bytes("\u00e9t\u00e9: value"), bytes("X-Empty:"), bytes("Content-Length: abc"),
				bytes("Content-Length: -5"), bytes("Content-Type"), noise(random, 200) };
		if (!form.parts.isEmpty()) {
			form.file().headers.add(random.nextInt(form.file().headers.size() + 1),
					garbage[random.nextInt(garbage.length)]);
		}
	}),

	NO_BLANK_LINE_AFTER_HEADERS((form, random) -> {
		if (!form.parts.isEmpty()) {
			form.file().blankLine = false;
		}
	}),

	GIANT_PART_HEADER((form, random) -> {
		int[] sizes = { 600, 8 * 1024, 16 * 1024, 64 * 1024, 256 * 1024 };
		if (!form.parts.isEmpty()) {
			String name = random.nextBoolean() ? "X-Giant: " : "Content-Type: text/plain; x=";
			form.file().headers.add(bytes(name + "g".repeat(sizes[random.nextInt(sizes.length)])));
		}
	}),

	DECLARED_LARGER_PART((form, random) -> {
		long[] declared = { 600, 5000, 1024 * 1024 + 1, 10L * 1024 * 1024 * 1024, Long.MAX_VALUE };
		if (!form.parts.isEmpty()) {
			form.file().headers.add(bytes("Content-Length: " + declared[random.nextInt(declared.length)]));
		}
	}),

	DECLARED_LARGER_REQUEST((form, random) -> form.declaredExtra = 1 + random.nextInt(100_000)),

	TRUNCATED((form, random) -> form.truncateAt = random.nextInt(form.serialize().length + 1)),

	RANDOM_BYTE_FLIPS((form, random) -> {
		form.flips = 1 + random.nextInt(20);
		form.flipSeed = random.nextLong();
	}),

	NON_UTF8_FILE_NAME((form, random) -> {
		byte[][] names = { { 'c', 'a', 'f', (byte) 0xE9, '.', 't', 'x', 't' },
				{ (byte) 0xC3, 0x28, '.', 't', 'x', 't' },
				{ '.', '.', (byte) 0xC0, (byte) 0xAF, 'x', '.', 't', 'x', 't' },
				{ (byte) 0xFF, (byte) 0xFE, '.', 't', 'x', 't' },
				{ (byte) 0xED, (byte) 0xA0, (byte) 0x80, '.', 't', 'x', 't' }, { (byte) 0x80, '.', 't', 'x', 't' } };
		if (!form.parts.isEmpty()) {
			form.file().headers.set(0, concat(bytes("Content-Disposition: form-data; name=\"file\"; filename=\""),
					names[random.nextInt(names.length)], bytes("\"")));
		}
	}),

	WRONG_PART_CONTENT_TYPE((form, random) -> {
		String[] types = { ";;;", "text/", "/", "application/x-msdownload", "text/plain; charset=x-bogus", "image/png",
				"multipart/mixed; boundary=inner", "", "text/html", "application/json; " + "p=v; ".repeat(500) };
		if (!form.parts.isEmpty()) {
			Part file = form.file();
			file.headers
				.removeIf((header) -> new String(header, StandardCharsets.ISO_8859_1).startsWith("Content-Type"));
			file.headers.add(bytes("Content-Type: " + types[random.nextInt(types.length)]));
		}
	}),

	PART_TRANSFER_ENCODING((form, random) -> {
		String[] encodings = { "base64", "quoted-printable", "x-bogus", "chunked", "gzip" };
		if (!form.parts.isEmpty()) {
			form.file().headers.add(bytes("Content-Transfer-Encoding: " + encodings[random.nextInt(encodings.length)]));
		}
	}),

	CONTENT_CONTAINS_DELIMITER((form, random) -> {
		if (!form.parts.isEmpty()) {
			Part file = form.file();
			String cut = random.nextBoolean() ? "--" + form.boundary : "\r\n--" + form.boundary + "--";
			file.content = concat(file.content, bytes(cut), file.content);
		}
	}),

	EMPTY_FILE((form, random) -> {
		if (!form.parts.isEmpty()) {
			form.file().content = new byte[0];
		}
	}),

	MANY_PARTS((form, random) -> {
		int count = 100 + random.nextInt(3000);
		for (int i = 0; i < count; i++) {
			form.parts.add(new Part(bytes("v"), "Content-Disposition: form-data; name=\"f" + i + "\""));
		}
	});

	private final BiConsumer<MultipartForm, Random> structural;

	MultipartMutation(BiConsumer<MultipartForm, Random> structural) {
		this.structural = structural;
	}

	void structural(MultipartForm form, Random random) {
		this.structural.accept(form, random);
	}

}
