/**
 * The SIP face of the CPM Conversation Server. Declared by annotation because Liberty ignores a
 * {@code WEB-INF/sip.xml} inside an EAR (ARCHITECTURE.md §2); the main servlet receives every
 * initial request and hands it to the handler of its SIP use case. Pager traffic has no dialogs:
 * its sessions are invalidated when their transactions end, and any that are not expire after one
 * minute ({@code sessionTimeout}), so they never accumulate up to the container's limit.
 */
@SipApplication(name = "cpm", displayName = "CPM Conversation Server", mainServlet = "cpm-main", distributable = false,
        sessionTimeout = 1)
package org.cpmserver.sip;

import javax.servlet.sip.annotation.SipApplication;
