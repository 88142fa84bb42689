package org.cpmserver.protocol.resourcelists;

/** Something a {@code <list>} holds, in document order: an entry or a nested list (RFC 4826 §3.2). */
public sealed interface ListMember permits Entry, ResourceList {
}
