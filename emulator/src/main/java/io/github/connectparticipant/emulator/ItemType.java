package io.github.connectparticipant.emulator;

/** The types of transcript item, and of the metadata item pushed for a receipt. */
enum ItemType {

	MESSAGE, EVENT, ATTACHMENT, MESSAGEMETADATA

}
