package com.acme.platform.workerservice.faults.web;

import com.acme.platform.support.apidocs.ApiDocs;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import com.acme.platform.support.InvalidRequestException;
import com.acme.platform.workerservice.faults.FaultRules;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET|PUT /api/admin/faults}: {@code {"notifications": {"failCustomerPrefix": "fail-"}}} switches the rule on,
 * {@code {}} switches it off.
 */
@RestController
@RequestMapping("/api/admin/faults")
@Tag(name = "Faults", description = "The failure-injection switch of the notifications group, for demos and tests")
class FaultController {

    /** The body's shape, for the document; the controller reads the JSON itself to reject unknown groups by name. */
    @Schema(name = "FaultRules", description = "The failure-injection rules; {} switches every rule off",
            example = "{\"notifications\": {\"failCustomerPrefix\": \"fail-\"}}")
    record Rules(@Schema(description = "omitted: the notifications group does not fail") Notifications notifications) {
    }

    @Schema(name = "NotificationsFault")
    record Notifications(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, minLength = 1, maxLength = 100,
            description = "the notifications group fails (retryably) for every order whose customer id starts with this",
            example = "fail-") String failCustomerPrefix) {
    }

    private final FaultRules rules;

    FaultController(FaultRules rules) {
        this.rules = rules;
    }

    @Operation(operationId = "getFaults", summary = "The failure-injection rules in force", security = @SecurityRequirement(name = ApiDocs.ACCESS, scopes = ApiDocs.ADMIN))
    @ApiResponse(responseCode = "200", description = "the rules in force; {} when none",
            content = @Content(schema = @Schema(implementation = Rules.class)))
    @GetMapping
    Map<String, Object> current() {
        Map<String, Object> body = new LinkedHashMap<>();
        rules.failCustomerPrefix().ifPresent(p -> body.put("notifications", Map.of("failCustomerPrefix", p)));
        return body;
    }

    @Operation(operationId = "replaceFaults", summary = "Replace the failure-injection rules",
            description = "Per worker-service instance, until it restarts.", security = @SecurityRequirement(name = ApiDocs.ACCESS, scopes = ApiDocs.ADMIN))
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
            content = @Content(schema = @Schema(implementation = Rules.class)))
    @ApiResponse(responseCode = "200", description = "the rules now in force",
            content = @Content(schema = @Schema(implementation = Rules.class)))
    @ApiResponse(responseCode = "400", description = "not a JSON object, an unknown group, or a prefix that is not a string of 1..100 characters")
    @PutMapping
    Map<String, Object> replace(@RequestBody JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new InvalidRequestException("the body must be a JSON object, e.g. {\"notifications\":{\"failCustomerPrefix\":\"fail-\"}} or {}");
        }
        for (String name : body.propertyNames()) {
            if (!name.equals("notifications")) {
                throw new InvalidRequestException("unknown fault group '" + name + "'; only 'notifications' has a rule");
            }
        }
        JsonNode notifications = body.get("notifications");
        String prefix = null;
        if (notifications != null && !notifications.isNull()) {
            JsonNode value = notifications.get("failCustomerPrefix");
            if (!notifications.isObject() || value == null || !value.isString() || value.asString().isEmpty()
                    || value.asString().length() > 100) {
                throw new InvalidRequestException("notifications.failCustomerPrefix must be a string of 1..100 characters");
            }
            prefix = value.asString();
        }
        rules.setFailCustomerPrefix(prefix);
        return current();
    }
}
