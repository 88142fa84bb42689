package org.cpmserver.journal;

/** The journal cannot take or commit an entry: the message must not be confirmed. */
public class JournalUnavailable extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public JournalUnavailable(String message) {
        super(message);
    }
}
