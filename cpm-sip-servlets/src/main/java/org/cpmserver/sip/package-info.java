/**
 * The SIP face of the CPM Conversation Server. Declared by annotation because Liberty ignores a
 * {@code WEB-INF/sip.xml} inside an EAR (ARCHITECTURE.md §2); the main servlet receives every
 * initial request and hands it to the handler of its SIP use case. Pager traffic has no dialogs:
 * its sessions are invalidated when their transactions end, provided every step that touches
 * them runs on the session's container thread (see {@link org.cpmserver.sip.SipResources}); the
 * one-minute {@code sessionTimeout} is only a backstop, and the gauge
 * {@code application_cpm_sip_application_sessions} shows whether sessions are released.
 */
@SipApplication(name = "cpm", displayName = "CPM Conversation Server", mainServlet = "cpm-main", distributable = false,
        sessionTimeout = 1)
package org.cpmserver.sip;

import javax.servlet.sip.annotation.SipApplication;
