# A shared library for 32-bit PowerPC (ELF32, big-endian), for elfscope's tests of DT_GNU_HASH on big-endian
# files: exported functions and data (hashed), and imports referenced by address, the
# canary's and a fortified function among them (GNU ld leaves them below symoffset).
	.text
	.globl	be_alpha
	.type	be_alpha, @function
be_alpha:
	blr
	.size	be_alpha, .-be_alpha
	.globl	be_beta
	.type	be_beta, @function
be_beta:
	blr
	.size	be_beta, .-be_beta
	.globl	be_gamma
	.type	be_gamma, @function
be_gamma:
	blr
	.size	be_gamma, .-be_gamma
	.data
	.globl	be_table
	.type	be_table, @object
	.align	4
be_table:
	.long	puts
	.long	__stack_chk_fail
	.long	__memcpy_chk
	.weak	__cxa_finalize
	.long	__cxa_finalize
	.size	be_table, .-be_table
	.section	.note.GNU-stack,"",@progbits
