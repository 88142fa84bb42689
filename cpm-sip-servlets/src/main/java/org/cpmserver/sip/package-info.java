/**
 * The SIP face of the CPM Conversation Server. Declared by annotation because Liberty ignores a
 * {@code WEB-INF/sip.xml} inside an EAR (ARCHITECTURE.md §2); the main servlet receives every
 * initial request and hands it to the handler of its SIP use case.
 */
@SipApplication(name = "cpm", displayName = "CPM Conversation Server", mainServlet = "cpm-main", distributable = false)
package org.cpmserver.sip;

import javax.servlet.sip.annotation.SipApplication;
