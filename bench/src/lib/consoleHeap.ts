// Imported first by the scenarios that time the console's code in their own process: the console
// runs with these V8 settings (src/cli/heapTuning.ts), so the code measured here does too.
import { applyHeapTuning } from '../../../src/cli/heapTuning.js';

applyHeapTuning();
