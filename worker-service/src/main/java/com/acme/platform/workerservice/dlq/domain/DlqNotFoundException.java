package com.acme.platform.workerservice.dlq.domain;

import java.util.UUID;

public class DlqNotFoundException extends RuntimeException {

    public DlqNotFoundException(UUID id) {
        super("no dead letter with id " + id);
    }
}
