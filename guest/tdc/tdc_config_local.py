# SPDX-License-Identifier: GPL-2.0
"""
tdc_config_local.py - tdc's settings in the test guest (guest/tdc)

mkinitramfs.sh puts the host's tc and ip in /usr/bin.
"""

EXTRA_NAMES = {
    'TC': '/usr/bin/tc',
    'IP': '/usr/bin/ip',
}
