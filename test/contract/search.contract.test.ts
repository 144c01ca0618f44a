import { searchContract } from '../../src/testing/contracts/index.js';
import { backends } from './backends.js';

for (const backend of backends()) searchContract(backend);
