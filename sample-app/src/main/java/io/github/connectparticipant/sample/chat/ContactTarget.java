package io.github.connectparticipant.sample.chat;

import org.springframework.util.Assert;

/**
 * Where StartChatContact starts chats: an Amazon Connect instance and a contact flow.
 *
 * @param instanceId the instance's id
 * @param contactFlowId the contact flow's id
 */
public record ContactTarget(String instanceId, String contactFlowId) {

	/**
	 * Check the values.
	 */
	public ContactTarget {
		Assert.hasText(instanceId, "instanceId must not be empty");
		Assert.hasText(contactFlowId, "contactFlowId must not be empty");
	}

}
