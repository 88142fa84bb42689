package org.cpmserver.protocol.resourcelists;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * An {@code application/resource-lists+xml} document (RFC 4826 §3.2): a sequence of lists. In CPM
 * it is the recipient list of a one-to-many MESSAGE (RFC 5365) or of an ad-hoc group.
 */
public final class ResourceLists {

    /** What an anonymized recipient is replaced with in the list other recipients see. */
    public static final String ANONYMOUS_URI = "sip:anonymous@anonymous.invalid";

    private final List<ResourceList> lists;

    private ResourceLists(List<ResourceList> lists) {
        this.lists = List.copyOf(lists);
    }

    public static ResourceLists of(List<ResourceList> lists) {
        return new ResourceLists(lists);
    }

    /** A document with one anonymous list holding {@code entries}. */
    public static ResourceLists ofEntries(List<Entry> entries) {
        return new ResourceLists(List.of(ResourceList.of(entries)));
    }

    public List<ResourceList> lists() {
        return lists;
    }

    /** Every entry, nested lists flattened depth-first in document order, duplicates included. */
    public List<Entry> entries() {
        List<Entry> out = new ArrayList<>();
        for (ResourceList list : lists) {
            collect(list, out);
        }
        return out;
    }

    /**
     * The distinct recipients: {@link #entries()} without later entries that name a recipient
     * already listed (compared as described in {@link RecipientKey}). The first occurrence wins,
     * with its role and anonymity, so that one recipient gets exactly one copy (RFC 5365).
     */
    public List<Entry> recipients() {
        Set<String> seen = new HashSet<>();
        List<Entry> out = new ArrayList<>();
        for (Entry e : entries()) {
            if (seen.add(e.recipientKey())) {
                out.add(e);
            }
        }
        return out;
    }

    /**
     * The list as recipients may see it (RFC 5365, RFC 5364): one flat list of the distinct
     * recipients, without bcc recipients, with each anonymized recipient replaced by
     * {@value #ANONYMOUS_URI} and no display name. Roles are kept, so a reader still tells "to"
     * from "cc"; the anonymize flag is dropped, having been applied.
     */
    public ResourceLists disclosedView() {
        List<Entry> visible = new ArrayList<>();
        for (Entry e : recipients()) {
            if (e.copyControl() == CopyControl.BCC) {
                continue;
            }
            visible.add(e.anonymize()
                    ? Entry.of(ANONYMOUS_URI, null, e.copyControl(), false)
                    : e);
        }
        return ofEntries(visible);
    }

    private static void collect(ResourceList list, List<Entry> out) {
        for (ListMember m : list.members()) {
            if (m instanceof Entry e) {
                out.add(e);
            } else if (m instanceof ResourceList nested) {
                collect(nested, out);
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ResourceLists other && lists.equals(other.lists);
    }

    @Override
    public int hashCode() {
        return lists.hashCode();
    }

    @Override
    public String toString() {
        return "ResourceLists" + lists;
    }
}
