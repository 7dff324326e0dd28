package com.acme.platform.workerservice;

import com.acme.platform.testsupport.OperationsEndpointsContract;

/** Probes, metrics and the 404 problem, as every service answers them (see {@link OperationsEndpointsContract}). */
class OperationsEndpointsTests extends AbstractIntegrationTest implements OperationsEndpointsContract {

    @Override
    public int servicePort() {
        return port;
    }

    @Override
    public String instanceName() {
        return "worker-service";
    }
}
