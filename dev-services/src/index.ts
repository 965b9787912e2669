export * from './launcher';
export * from './portProbe';
export * from './childProcess';
export * from './brokerAccounts';
export { redisAppendOnlyAt } from './redisAppendOnly';
