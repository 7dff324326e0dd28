package com.acme.platform.workerservice.faults.web;

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
class FaultController {

    private final FaultRules rules;

    FaultController(FaultRules rules) {
        this.rules = rules;
    }

    @GetMapping
    Map<String, Object> current() {
        Map<String, Object> body = new LinkedHashMap<>();
        rules.failCustomerPrefix().ifPresent(p -> body.put("notifications", Map.of("failCustomerPrefix", p)));
        return body;
    }

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
