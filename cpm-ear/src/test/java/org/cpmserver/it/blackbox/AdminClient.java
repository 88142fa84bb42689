package org.cpmserver.it.blackbox;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The operator's HTTP client for the admin API of the black-box server. */
final class AdminClient {

    static final String PASSWORD = "it-admin-secret-1";

    private final HttpClient http = HttpClient.newHttpClient();
    private final String authorization;
    private final LibertyServerProcess server;

    /** For the shared standalone server. */
    AdminClient() {
        this(PASSWORD);
    }

    AdminClient(String password) {
        this(null, password);
    }

    /** For another server of the run ({@code null}: the shared standalone one). */
    AdminClient(LibertyServerProcess server, String password) {
        this.server = server;
        authorization = "Basic " + Base64.getEncoder().encodeToString(("admin:" + password).getBytes(StandardCharsets.UTF_8));
    }

    HttpResponse<String> send(String method, String path, String json) throws IOException, InterruptedException {
        LibertyServerProcess target = server != null ? server : StandaloneServer.server();
        HttpRequest.Builder b = HttpRequest.newBuilder(target.http(path))
                .header("Authorization", authorization).header("Accept", "application/json");
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        b.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Provisions a user (ignores that it may exist already from another test class). */
    void provision(String user, String password) throws IOException, InterruptedException {
        HttpResponse<String> r = send("POST", "/admin/v1/users",
                "{\"uri\":\"sip:" + user + "@localhost\",\"password\":\"" + password + "\",\"displayName\":\"" + user + "\"}");
        if (r.statusCode() != 201 && r.statusCode() != 409) {
            throw new IllegalStateException("provisioning " + user + ": " + r.statusCode() + " " + r.body());
        }
    }
}
