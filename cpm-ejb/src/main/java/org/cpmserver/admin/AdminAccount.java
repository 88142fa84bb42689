package org.cpmserver.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Optional;
import javax.annotation.PostConstruct;
import javax.ejb.ConcurrencyManagement;
import javax.ejb.ConcurrencyManagementType;
import javax.ejb.Singleton;
import javax.ejb.Startup;
import javax.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The operator account of the admin API ({@code /admin/v1}): user {@code admin}, password from
 * {@code cpm.admin.password} ({@code CPM_ADMIN_PASSWORD}). When none is configured a random one
 * is generated and printed once at start-up, so a fresh standalone server is never open to
 * anyone who can reach its HTTP port. Nodes of a cluster must share a configured password.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class AdminAccount {

    public static final String USER = "admin";
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    @Inject
    @ConfigProperty(name = "cpm.admin.password")
    Optional<String> configured;

    private byte[] password;

    @PostConstruct
    void init() {
        String value = configured.filter(p -> !p.isBlank()).orElse(null);
        if (value == null) {
            SecureRandom random = new SecureRandom();
            StringBuilder generated = new StringBuilder();
            for (int i = 0; i < 20; i++) {
                generated.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            value = generated.toString();
            // Printed on the console on purpose, once: this is how the operator learns it.
            System.out.println("CPM admin API: user '" + USER + "', generated password '" + value
                    + "' (set CPM_ADMIN_PASSWORD to choose one)");
        }
        password = value.getBytes(StandardCharsets.UTF_8);
    }

    /** Constant-time check of a Basic credential pair. */
    public boolean accepts(String user, String candidate) {
        boolean userOk = MessageDigest.isEqual(USER.getBytes(StandardCharsets.UTF_8), user.getBytes(StandardCharsets.UTF_8));
        boolean passwordOk = MessageDigest.isEqual(password, candidate.getBytes(StandardCharsets.UTF_8));
        return userOk & passwordOk;
    }
}
