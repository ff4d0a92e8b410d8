// Helpers gathered in an object literal that the module exports.
import bcrypt from 'bcryptjs';

function digestSecret(secret: string): string {
  return bcrypt.hashSync(secret, 12);
}

export default {
  secrets: { digest: digestSecret },
};
