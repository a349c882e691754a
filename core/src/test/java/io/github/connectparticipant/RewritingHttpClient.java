package io.github.connectparticipant;

import java.util.function.UnaryOperator;

import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * An {@link SdkHttpClient} that rewrites each request before a real client sends it, to
 * put a tampered request on the wire.
 */
public final class RewritingHttpClient implements SdkHttpClient {

	private final SdkHttpClient delegate;

	private final UnaryOperator<SdkHttpRequest> rewrite;

	public RewritingHttpClient(SdkHttpClient delegate, UnaryOperator<SdkHttpRequest> rewrite) {
		this.delegate = delegate;
		this.rewrite = rewrite;
	}

	@Override
	public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
		HttpExecuteRequest.Builder rewritten = HttpExecuteRequest.builder()
			.request(this.rewrite.apply(request.httpRequest()));
		request.contentStreamProvider().ifPresent(rewritten::contentStreamProvider);
		request.metricCollector().ifPresent(rewritten::metricCollector);
		return this.delegate.prepareRequest(rewritten.build());
	}

	@Override
	public String clientName() {
		return this.delegate.clientName();
	}

	@Override
	public void close() {
		// the delegate stays open: it is the caller's
	}

}
