"""Re-exports, as packages do."""
from .services.inventory import reserve
from .services.helpers import *
