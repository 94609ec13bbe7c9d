/**
 * Side-effect module: run zod without its JIT. zod 4 probes `new Function('')` to decide whether to
 * compile object parsers at run time; under the cockpit's strict CSP (no 'unsafe-eval') that probe is
 * blocked and reported as a CSP violation in the renderer and its worker. Every module of src-core that
 * imports zod imports this first, so each bundle that contains zod is configured before it parses.
 */
import { z } from 'zod';

z.config({ jitless: true });
