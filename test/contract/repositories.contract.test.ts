import { repositoryContract } from '../../src/testing/contracts/index.js';
import { backends } from './backends.js';

for (const backend of backends()) repositoryContract(backend);
