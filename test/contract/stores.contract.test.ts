import { storeContract } from '../../src/testing/contracts/index.js';
import { backends } from './backends.js';

for (const backend of backends()) storeContract(backend);
