// The records the store keeps, and the settings.
export interface PasswordHash {
  scheme: 'scrypt' | 'pbkdf2';
  salt: string;
  hash: string;
}

export interface User {
  id: string;
  email: string;
  handle?: string;
  displayName?: string;
  password: PasswordHash;
  followers: string[];
  createdAt: string;
}

export interface Session {
  token: string;
  userId: string;
  expiresAt: string;
}

export interface Order {
  id: string;
  customer: string;
  total: number;
  createdAt: string;
}

export interface Product {
  id: string;
  tags: string[];
}

export interface Config {
  port: number;
  dataDir: string;
  uploadDir: string;
  logFile: string;
  webhookUrl: string | null;
  adminToken: string | null;
  failedLoginDelayMs: number;
}
