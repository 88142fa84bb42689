/**
 * SIP Digest authentication, server side (RFC 3261 §22, with the algorithms of RFC 8760 and the
 * mechanics of RFC 7616): challenges, credential parsing, response verification against stored
 * HA1 values, and stateless nonces with replay protection. Pure JDK, no container API.
 *
 * <p>Typical use in a servlet: no credentials → 401 with one {@code WWW-Authenticate} per
 * {@link org.cpmserver.protocol.digest.DigestAuthenticator#challenges(boolean)} entry;
 * credentials → {@link org.cpmserver.protocol.digest.DigestCredentials#parse(String)} (400 with
 * the exception's reason phrase if malformed), then
 * {@link org.cpmserver.protocol.digest.DigestAuthenticator#authenticate}.
 */
package org.cpmserver.protocol.digest;
