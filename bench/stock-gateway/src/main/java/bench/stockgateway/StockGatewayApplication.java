package bench.stockgateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Spring Cloud Gateway as it comes: the baseline bench/gateway.sh compares gateway-service's CPU per request with.
 * Nothing but the starter and two routes (application.yml).
 */
@SpringBootApplication
public class StockGatewayApplication {

    public static void main(String[] args) {
        SpringApplication.run(StockGatewayApplication.class, args);
    }
}
