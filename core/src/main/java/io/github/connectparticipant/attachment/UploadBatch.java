package io.github.connectparticipant.attachment;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import io.github.connectparticipant.ConnectParticipantException;
import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshotFactory;

/**
 * Runs the uploads of one batch on the executor given to the service, at most
 * {@code uploadConcurrency} at a time: that many workers, each taking the next upload
 * until none is left, so a batch never holds more of the executor's threads than that,
 * and no pool is made per batch. The workers carry the caller's context: its observation
 * (and so its trace), and any other thread-local state registered with Micrometer's
 * context propagation. A worker the executor refuses runs on the caller's thread.
 */
final class UploadBatch {

	private static final ContextSnapshotFactory CONTEXT = ContextSnapshotFactory.builder().build();

	private final Executor executor;

	private final int concurrency;

	UploadBatch(Executor executor, int concurrency) {
		this.executor = executor;
		this.concurrency = concurrency;
	}

	/**
	 * Upload every one, each reported in the batch's order, failed or not.
	 */
	List<UploadResult> run(List<AttachmentUpload> uploads, Function<AttachmentUpload, Attachment> upload) {
		UploadResult[] results = new UploadResult[uploads.size()];
		AtomicInteger next = new AtomicInteger();
		AtomicBoolean stopped = new AtomicBoolean();
		ContextSnapshot snapshot = CONTEXT.captureAll();
		Runnable worker = snapshot.wrap(() -> {
			for (int i = next.getAndIncrement(); i < results.length && !stopped.get(); i = next.getAndIncrement()) {
				results[i] = uploadOne(uploads.get(i), upload);
			}
		});
		List<CompletableFuture<Void>> workers = new ArrayList<>();
		boolean refused = false;
		for (int i = 0; i < Math.min(this.concurrency, uploads.size()) && !refused; i++) {
			try {
				workers.add(CompletableFuture.runAsync(worker, this.executor));
			}
			catch (RejectedExecutionException ex) {
				refused = true;
			}
		}
		if (refused) {
			worker.run();
		}
		try {
			CompletableFuture.allOf(workers.toArray(CompletableFuture[]::new)).get();
		}
		catch (InterruptedException ex) {
			stopped.set(true);
			Thread.currentThread().interrupt();
			throw ConnectParticipantException.interrupted("uploadAll", "uploading", 0, ex);
		}
		catch (ExecutionException ex) {
			// every upload's exception is its result: what arrives here is an Error
			stopped.set(true);
			if (ex.getCause() instanceof Error error) {
				throw error;
			}
			throw new IllegalStateException(ex.getCause());
		}
		return List.of(results);
	}

	private static UploadResult uploadOne(AttachmentUpload upload, Function<AttachmentUpload, Attachment> action) {
		try {
			return new UploadResult(upload, action.apply(upload), null);
		}
		catch (ConnectParticipantException ex) {
			return new UploadResult(upload, null, ex);
		}
		catch (RuntimeException ex) {
			// not the library's (a caller's stream that throws, say): this upload failed,
			// and the others are still reported
			return new UploadResult(upload, null, ConnectParticipantException.failed("upload",
					"failed with an unexpected " + ex.getClass().getName() + "; see its cause", ex));
		}
	}

}
