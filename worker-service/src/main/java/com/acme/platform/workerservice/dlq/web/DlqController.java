package com.acme.platform.workerservice.dlq.web;

import com.acme.platform.support.apidocs.ApiDocs;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import com.acme.platform.events.ConsumerGroups;
import com.acme.platform.support.InvalidRequestException;
import com.acme.platform.support.PageCursor;
import com.acme.platform.workerservice.dlq.domain.DlqEntry;
import com.acme.platform.workerservice.dlq.domain.DlqService;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.UUID;

/** {@code /api/admin/dlq}: list, replay one, replay a group, discard one (admin key, enforced at the gateway). */
@RestController
@RequestMapping("/api/admin/dlq")
@Tag(name = "Dead letters", description = "Records a consumer group gave up on: list them, replay them to their group, or discard them")
class DlqController {

    record DlqPage(List<DlqEntry> items) {
    }

    record Replayed(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "how many dead letters were sent back", example = "3") int replayed) {
    }

    private static final String GROUP_DESCRIPTION = "a consumer group that dead-letters: fulfillment, notifications or analytics";

    private final DlqService dlq;

    DlqController(DlqService dlq) {
        this.dlq = dlq;
    }

    @Operation(operationId = "listDeadLetters", summary = "List dead letters, oldest first", security = @SecurityRequirement(name = ApiDocs.ACCESS, scopes = ApiDocs.ADMIN))
    @ApiResponse(responseCode = "200", description = "the dead letters")
    @ApiResponse(responseCode = "400", description = "unknown group, or limit outside 1..1000")
    @GetMapping
    DlqPage list(@Parameter(description = GROUP_DESCRIPTION + "; omitted, every group") @RequestParam(required = false) String group,
                 @Parameter(description = "at most this many, 1..1000") @RequestParam(defaultValue = "20") @Min(PageCursor.MIN_LIMIT) @Max(PageCursor.MAX_LIMIT) int limit) {
        if (group != null) {
            checkGroup(group);
        }
        return new DlqPage(dlq.list(group, limit));
    }

    @Operation(operationId = "replayDeadLetter", summary = "Send one dead letter back to its group",
            description = "The record is published again for the group that failed it; the other groups skip it.", security = @SecurityRequirement(name = ApiDocs.ACCESS, scopes = ApiDocs.ADMIN))
    @ApiResponse(responseCode = "202", description = "sent back; the group processes it asynchronously")
    @ApiResponse(responseCode = "400", description = "the id is not a UUID")
    @ApiResponse(responseCode = "404", description = "no dead letter with this id")
    @PostMapping("/{id}/replay")
    ResponseEntity<Void> replay(@Parameter(description = "the dead letter's id") @PathVariable UUID id) {
        dlq.replay(id);
        return ResponseEntity.status(HttpStatus.ACCEPTED).build();
    }

    @Operation(operationId = "replayDeadLetters", summary = "Send every dead letter of a group back to it", security = @SecurityRequirement(name = ApiDocs.ACCESS, scopes = ApiDocs.ADMIN))
    @ApiResponse(responseCode = "202", description = "sent back; the group processes them asynchronously")
    @ApiResponse(responseCode = "400", description = "group missing or unknown")
    @PostMapping("/replay")
    ResponseEntity<Replayed> replayGroup(@Parameter(description = GROUP_DESCRIPTION) @RequestParam String group) {
        checkGroup(group);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(new Replayed(dlq.replayGroup(group)));
    }

    @Operation(operationId = "discardDeadLetter", summary = "Discard a dead letter without replaying it", security = @SecurityRequirement(name = ApiDocs.ACCESS, scopes = ApiDocs.ADMIN))
    @ApiResponse(responseCode = "204", description = "discarded")
    @ApiResponse(responseCode = "400", description = "the id is not a UUID")
    @ApiResponse(responseCode = "404", description = "no dead letter with this id")
    @DeleteMapping("/{id}")
    ResponseEntity<Void> discard(@Parameter(description = "the dead letter's id") @PathVariable UUID id) {
        dlq.discard(id);
        return ResponseEntity.noContent().build();
    }

    private static void checkGroup(String group) {
        if (!ConsumerGroups.FAILING.contains(group)) {
            throw new InvalidRequestException("group must be one of " + ConsumerGroups.FAILING + ", got '" + group + "'");
        }
    }
}
