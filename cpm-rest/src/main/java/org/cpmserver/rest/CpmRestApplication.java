package org.cpmserver.rest;

import javax.ws.rs.ApplicationPath;
import javax.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.info.License;

/** The REST surfaces of the server, all under the root context (see docs/api.md). */
@ApplicationPath("/")
@OpenAPIDefinition(info = @Info(title = "CPM Conversation Server API", version = "0.1.0",
        description = "Administration, CPM-VAS, message storage and notification channel APIs of the CPM Conversation Server. "
                + "Errors are RFC 7807 application/problem+json.",
        license = @License(name = "Apache-2.0")))
public class CpmRestApplication extends Application {
}
