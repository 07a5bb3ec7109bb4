// The HTTP floor: an express route that only parses and validates a filing, answering 200 with its id.
// `node dist/bench/floor-server.js PORT` (run by bench/http.ts).

import express from 'express';
import { validateFiling } from '../src/filing/validate.js';

const app = express();
app.use(express.json({ limit: '1mb' }));
app.post('/floor', (req, res) => {
  try {
    const filing = validateFiling(req.body);
    res.status(200).json({ filingId: filing.filingId });
  } catch {
    res.status(422).json({ code: 'filing_invalid' });
  }
});
const server = app.listen(Number(process.argv[2] ?? 0), '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`${typeof address === 'object' && address ? address.port : ''}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
