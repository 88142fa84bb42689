package org.cpmserver.protocol.resourcelists;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.cpmserver.protocol.mime.XmlWriter;

/**
 * A {@code <list>} (RFC 4826 §3.2): optional name and display name, then entries and nested lists
 * in document order.
 */
public final class ResourceList implements ListMember {

    private final String name;
    private final String displayName;
    private final List<ListMember> members;

    private ResourceList(String name, String displayName, List<ListMember> members) {
        this.name = name;
        this.displayName = displayName;
        this.members = List.copyOf(members);
    }

    /** An anonymous list. */
    public static ResourceList of(List<? extends ListMember> members) {
        return of(null, null, members);
    }

    /**
     * @throws IllegalArgumentException when the name or display name has characters XML cannot carry
     */
    public static ResourceList of(String name, String displayName, List<? extends ListMember> members) {
        if ((name != null && !XmlWriter.isXmlText(name)) || (displayName != null && !XmlWriter.isXmlText(displayName))) {
            throw new IllegalArgumentException("list name has characters XML cannot carry");
        }
        return new ResourceList(name == null || name.isEmpty() ? null : name,
                displayName == null || displayName.isBlank() ? null : displayName.strip(), List.copyOf(members));
    }

    /** The {@code name} attribute. */
    public Optional<String> name() {
        return Optional.ofNullable(name);
    }

    public Optional<String> displayName() {
        return Optional.ofNullable(displayName);
    }

    public List<ListMember> members() {
        return members;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ResourceList other && Objects.equals(name, other.name)
                && Objects.equals(displayName, other.displayName) && members.equals(other.members);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, displayName, members);
    }

    @Override
    public String toString() {
        return "ResourceList[" + (name == null ? "" : name + ", ") + members + "]";
    }
}
