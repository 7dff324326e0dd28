package com.acme.platform.workerservice.dlq.web;

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
import java.util.Map;
import java.util.UUID;

/** {@code /api/admin/dlq}: list, replay one, replay a group, discard one (admin key, enforced at the gateway). */
@RestController
@RequestMapping("/api/admin/dlq")
class DlqController {

    record DlqPage(List<DlqEntry> items) {
    }

    private final DlqService dlq;

    DlqController(DlqService dlq) {
        this.dlq = dlq;
    }

    @GetMapping
    DlqPage list(@RequestParam(required = false) String group,
                 @RequestParam(defaultValue = "20") @Min(PageCursor.MIN_LIMIT) @Max(PageCursor.MAX_LIMIT) int limit) {
        if (group != null) {
            checkGroup(group);
        }
        return new DlqPage(dlq.list(group, limit));
    }

    @PostMapping("/{id}/replay")
    ResponseEntity<Void> replay(@PathVariable UUID id) {
        dlq.replay(id);
        return ResponseEntity.status(HttpStatus.ACCEPTED).build();
    }

    @PostMapping("/replay")
    ResponseEntity<Map<String, Integer>> replayGroup(@RequestParam String group) {
        checkGroup(group);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("replayed", dlq.replayGroup(group)));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> discard(@PathVariable UUID id) {
        dlq.discard(id);
        return ResponseEntity.noContent().build();
    }

    private static void checkGroup(String group) {
        if (!ConsumerGroups.FAILING.contains(group)) {
            throw new InvalidRequestException("group must be one of " + ConsumerGroups.FAILING + ", got '" + group + "'");
        }
    }
}
