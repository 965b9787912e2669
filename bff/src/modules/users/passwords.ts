import bcrypt from 'bcryptjs';

const cost = 10;

export const hashPassword = (password: string) => bcrypt.hash(password, cost);
export const verifyPassword = (password: string, hash: string) => bcrypt.compare(password, hash);

/** Compared against when the username is unknown, so a miss costs as much time as a wrong password. */
export const decoyPasswordHash = bcrypt.hashSync('decoy-password-for-timing', cost);
