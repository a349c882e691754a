package io.github.connectparticipant.emulator;

import java.net.URI;

/**
 * What every operation of the emulated service works on.
 *
 * @param store the contacts and settings
 * @param tokens the bearer tokens
 * @param idempotency the answers kept for repeated requests
 * @param presigner what signs and checks the URLs of attachments' objects
 * @param objects the attachments' objects
 * @param baseUri the emulator's HTTP address, which URLs it hands out start with
 */
record OperationContext(ChatStore store, Tokens tokens, Idempotency idempotency, Presigner presigner,
		ObjectStore objects, URI baseUri) {
}
