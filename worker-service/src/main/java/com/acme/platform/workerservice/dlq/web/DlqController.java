package com.acme.platform.workerservice.dlq.web;

import com.acme.platform.support.InvalidRequestException;
import com.acme.platform.workerservice.dlq.DlqReplayer;
import com.acme.platform.workerservice.dlq.domain.DlqEntry;
import com.acme.platform.workerservice.dlq.domain.DlqNotFoundException;
import com.acme.platform.workerservice.dlq.domain.DlqRepository;
import com.acme.platform.events.ConsumerGroups;
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

    private final DlqRepository dlq;
    private final DlqReplayer replayer;

    DlqController(DlqRepository dlq, DlqReplayer replayer) {
        this.dlq = dlq;
        this.replayer = replayer;
    }

    @GetMapping
    DlqPage list(@RequestParam(required = false) String group, @RequestParam(defaultValue = "20") int limit) {
        if (limit < 1 || limit > 1000) {
            throw new InvalidRequestException("limit must be 1..1000, got " + limit);
        }
        if (group != null) {
            checkGroup(group);
        }
        return new DlqPage(dlq.list(group, limit));
    }

    @PostMapping("/{id}/replay")
    ResponseEntity<Void> replay(@PathVariable UUID id) {
        replayer.replay(id);
        return ResponseEntity.status(HttpStatus.ACCEPTED).build();
    }

    @PostMapping("/replay")
    ResponseEntity<Map<String, Integer>> replayGroup(@RequestParam String group) {
        checkGroup(group);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("replayed", replayer.replayGroup(group)));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> discard(@PathVariable UUID id) {
        if (!dlq.delete(id)) {
            throw new DlqNotFoundException(id);
        }
        return ResponseEntity.noContent().build();
    }

    private static void checkGroup(String group) {
        if (!ConsumerGroups.FAILING.contains(group)) {
            throw new InvalidRequestException("group must be one of " + ConsumerGroups.FAILING + ", got '" + group + "'");
        }
    }
}
